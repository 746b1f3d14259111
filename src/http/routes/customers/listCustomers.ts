import { z } from "@hono/zod-openapi";
import { type CustomerFieldFilter, listCustomers } from "../../../domain/customers/list";
import { badRequest, type ErrorEntry } from "../../../lib/errors";
import {
  defineRoute,
  filterText,
  isoDateTime,
  jsonContent,
  knownOrIgnored,
  PageSchema,
  pagingQuery,
  sortOrderQuery,
} from "../../../lib/openapi";
import { CustomerListItemSchema, presentCustomerListItem } from "../../../present/customer";
import { pageEnvelope } from "../../../present/page";
import { bracketedQuery } from "../../bracketedQuery";
import type { Handler } from "../types";

const MAX_FIELD_FILTERS = 10;
const MAX_FIELD_VALUE = 255;

export const route = defineRoute({
  method: "get",
  path: "/api/customers",
  tags: ["Customers"],
  summary: "List Customers",
  description:
    "Filters combine with AND, as FreeScout's module: names and email case-insensitively (email exact), phone by its digits as a substring of a phone's digits, updatedSince includes that second. Items are Get Customer's object (customer fields included). Default order: createdAt desc.",
  request: {
    query: z.object({
      firstName: filterText(40).optional(),
      lastName: filterText(40).optional(),
      phone: filterText(60).optional(),
      email: filterText(191).optional(),
      updatedSince: isoDateTime.optional(),
      emailContains: filterText(191)
        .refine((text) => [...text].length >= 3, "Must be at least 3 characters")
        .optional()
        .openapi({
          description:
            "Extension: customers with an email containing this text (case-insensitive), at least 3 characters, e.g. `adams@` or `.example`. FreeScout's `email` stays an exact match.",
          example: "adams",
        }),
      emailDomain: filterText(191).optional().openapi({
        description:
          "Extension: customers with an email at this domain, the whole part after the '@' (case-insensitive; a leading '@' is ignored): `example.com` finds `ann@example.com`, not `ann@mail.example.com`.",
        example: "example.org",
      }),
      customerField: z
        .record(z.string(), z.string())
        .optional()
        .openapi({
          description: `Extension: \`customerField[ID]=value\`, customers whose customer field ID has this value (case-insensitive, the whole value as stored: a dropdown's option id, a date as YYYY-MM-DD). Several combine with AND (at most ${MAX_FIELD_FILTERS}); an empty value is ignored; an unknown field matches no customer.`,
          param: { style: "deepObject", explode: true },
        }),
      sortField: knownOrIgnored(["createdAt", "firstName", "lastName", "updatedAt"], "Default: createdAt"),
      sortOrder: sortOrderQuery,
      ...pagingQuery,
    }),
  },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ customers: z.array(CustomerListItemSchema) }), page: PageSchema }),
      "A page of customers",
    ),
  },
});

const fieldKey = /^[1-9]\d{0,8}$/;
const fieldValue = filterText(MAX_FIELD_VALUE);

/** `customerField[ID]=value` pairs, checked; every bad one is named at once. */
function customerFieldFilters(url: string): CustomerFieldFilter[] {
  const filters: CustomerFieldFilter[] = [];
  const errors: ErrorEntry[] = [];
  for (const [key, raw] of bracketedQuery(url, "customerField")) {
    const path = `customerField[${key}]`;
    const value = fieldValue.safeParse(raw.trim());
    if (!fieldKey.test(key)) {
      errors.push({ path, message: "The key must be a customer field id", rejectedValue: key, source: "QUERY" });
    } else if (!value.success) {
      errors.push({ path, message: value.error.issues[0]!.message, source: "QUERY" });
    } else if (value.data !== "") {
      filters.push({ fieldId: Number(key), value: value.data });
    }
  }
  if (filters.length > MAX_FIELD_FILTERS) {
    errors.push({ path: "customerField", message: `At most ${MAX_FIELD_FILTERS} customer fields`, source: "QUERY" });
  }
  if (errors.length > 0) throw badRequest(...errors);
  return filters;
}

export const handler: Handler<typeof route> = async (c) => {
  const { customerField: _documentedOnly, ...query } = c.req.valid("query");
  const list = await listCustomers(c.var.services, { ...query, customerFields: customerFieldFilters(c.req.url) });
  const items = list.rows.map((row) => presentCustomerListItem(row, list));
  return c.json(pageEnvelope("customers", items, list.total, list.paging), 200);
};
