import { env } from "cloudflare:test";
import { resetToDemoData } from "@test/support/db";
import { queryPlan } from "@test/support/plans";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { customers } from "../../db/schema";
import { listCriteria } from "./list";

beforeEach(resetToDemoData);

describe("List Customers: every filter and sort is served by an index", () => {
  const plan = async (query: Parameters<typeof listCriteria>[1]) => {
    const db = createDb(env.DB);
    const { where, order } = listCriteria(db, query);
    return queryPlan(
      db
        .select()
        .from(customers)
        .where(where)
        .orderBy(...order)
        .limit(50),
    );
  };
  const fullScan = (details: string[]) =>
    details.filter((d) => /^SCAN (customers|customer_emails|customer_phones)$/.test(d));

  it.each([
    [{ firstName: "Zoe" }, "customers_first_name_nocase_idx"],
    [{ lastName: "Adams" }, "customers_last_name_nocase_idx"],
    // A substring match: the digits index is scanned (covering), never the table.
    [{ phone: "555" }, "customer_phones_digits_idx"],
    [{ email: "zoe@example.org" }, "customer_emails_email_unique"],
    [{ updatedSince: 1_600_000_000 }, "customers_updated_idx"],
    [{ updatedSince: 1_600_000_000, sortField: "firstName", sortOrder: "asc" }, "customers_updated_idx"],
    // Extensions (issue 18).
    [{ emailContains: "adams" }, "VIRTUAL TABLE INDEX"],
    [{ emailDomain: "example.org" }, "customer_emails_domain_idx"],
    [{ customerFields: [{ fieldId: 2, value: "1" }] }, "customer_field_values_field_value_idx"],
  ] as const)("filter %o uses %s", async (query, index) => {
    const details = await plan(query);
    expect(fullScan(details)).toEqual([]);
    expect(details.join("\n")).toContain(index);
  });

  it.each([
    { emailContains: "example.org", sortField: "firstName" },
    { emailDomain: "example.org", sortField: "lastName", sortOrder: "asc" },
    {
      customerFields: [
        { fieldId: 2, value: "1" },
        { fieldId: 11, value: "25" },
      ],
    },
    {
      emailContains: "example",
      emailDomain: "example.org",
      customerFields: [{ fieldId: 2, value: "1" }],
      firstName: "Ann",
    },
  ] as const)("search %o reads only matching rows: no table or sort-index walk", async (query) => {
    const details = await plan(query);
    expect(fullScan(details)).toEqual([]);
    // Seeks customers by the matching ids, never walks a sort index of every customer.
    expect(details.filter((d) => /^SCAN customers\b/.test(d))).toEqual([]);
    expect(details.join("\n")).not.toMatch(/SCAN customer_field_values|SCAN customer_emails\b(?! VIRTUAL)/);
  });

  it.each([
    ["createdAt", "customers_created_idx"],
    ["updatedAt", "customers_updated_idx"],
    ["firstName", "customers_first_name_idx"],
    ["lastName", "customers_last_name_idx"],
  ] as const)("sort by %s reads %s in order", async (sortField, index) => {
    for (const sortOrder of ["asc", "desc"] as const) {
      const details = await plan({ sortField, sortOrder });
      expect(details).toEqual([`SCAN customers USING INDEX ${index}`]);
    }
  });
});
