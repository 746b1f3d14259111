import { z } from "@hono/zod-openapi";
import { listCustomers } from "../../../domain/customers/list";
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
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/customers",
  tags: ["Customers"],
  summary: "List Customers",
  description:
    "Filters combine with AND, as FreeScout's module: names and email case-insensitively, phone by its digits as a substring of a phone's digits, updatedSince includes that second. Items are Get Customer's object (customer fields included). Default order: createdAt desc.",
  request: {
    query: z.object({
      firstName: filterText(40).optional(),
      lastName: filterText(40).optional(),
      phone: filterText(60).optional(),
      email: filterText(191).optional(),
      updatedSince: isoDateTime.optional(),
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

export const handler: Handler<typeof route> = async (c) => {
  const list = await listCustomers(c.var.services, c.req.valid("query"));
  const items = list.rows.map((row) => presentCustomerListItem(row, list));
  return c.json(pageEnvelope("customers", items, list.total, list.paging), 200);
};
