import { env } from "cloudflare:test";
import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../../db/client";
import { customers } from "../../../db/schema";
import { listCriteria } from "./listCustomers";

beforeEach(resetToDemoData);

describe("List Customers security", () => {
  it("is 401 without a key or with a wrong one", async () => {
    expect((await get("/api/customers", { key: null })).status).toBe(401);
    expect((await get("/api/customers", { key: "0".repeat(32) })).status).toBe(401);
  });

  it.each(["firstName", "lastName", "phone"])("%s treats SQL and LIKE metacharacters as text", async (field) => {
    await post("/api/customers", { firstName: "100%_x", lastName: "100%_x", phone: "100%_x" });
    for (const value of ["' OR 1=1 --", "%", "_", "100%", "100__x", "100%x", '" OR ""="', "*"]) {
      const res = await get("/api/customers", { query: { [field]: value } });
      expect(res.status).toBe(200);
      expect(res.json.page.totalElements).toBe(0);
    }
    expect((await get("/api/customers", { query: { [field]: "100%_x" } })).json.page.totalElements).toBe(1);
  });

  it("email treats SQL and LIKE metacharacters as text", async () => {
    await post("/api/customers", { emails: [{ value: "x_y@example.org" }] });
    for (const value of [
      "' OR 1=1 --",
      "%",
      "x%@example.org",
      "x__y@example.org",
      "x_y@example.or_",
      "%@example.org",
    ]) {
      const res = await get("/api/customers", { query: { email: value } });
      expect(res.status).toBe(200);
      expect(res.json.page.totalElements).toBe(0);
    }
    expect((await get("/api/customers", { query: { email: "X_Y@example.org" } })).json.page.totalElements).toBe(1);
  });

  it("caps the page size", async () => {
    expect((await get("/api/customers", { query: { pageSize: 100000 } })).json.page.size).toBe(100);
  });

  describe("every filter and sort is served by an index", () => {
    const plan = async (query: Parameters<typeof listCriteria>[1]) => {
      const db = createDb(env.DB);
      const { where, order } = listCriteria(db, query);
      const { sql, params } = db
        .select()
        .from(customers)
        .where(where)
        .orderBy(...order)
        .limit(50)
        .toSQL();
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      return results.map((row) => row.detail);
    };
    const fullScan = (details: string[]) =>
      details.filter((d) => /^SCAN (customers|customer_emails|customer_phones)$/.test(d));

    it.each([
      [{ firstName: "Zoe" }, "customers_first_name_idx"],
      [{ lastName: "Adams" }, "customers_last_name_idx"],
      [{ phone: "555" }, "customer_phones_value_idx"],
      [{ email: "zoe@example.org" }, "customer_emails_email_unique"],
      [{ updatedSince: 1_600_000_000 }, "customers_updated_idx"],
      [{ updatedSince: 1_600_000_000, sortField: "firstName", sortOrder: "asc" }, "customers_updated_idx"],
    ] as const)("filter %o uses %s", async (query, index) => {
      const details = await plan(query);
      expect(fullScan(details)).toEqual([]);
      expect(details.join("\n")).toContain(index);
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
});
