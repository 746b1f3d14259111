import { z } from "@hono/zod-openapi";
import { and, asc, count, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { customerEmails, customerPhones, customers } from "../../../db/schema";
import { normalizeEmail } from "../../../domain/customerResolution";
import { paging } from "../../../domain/paging";
import { pageEnvelope } from "../../../present/page";
import { defineRoute, filterText, isoDateTime, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { CustomerListItemSchema, customerDetailStatements, presentCustomerListItem } from "../../../present/customer";
import type { Handler } from "../types";

const SORT_FIELDS = {
  createdAt: customers.createdAt,
  firstName: customers.firstName,
  lastName: customers.lastName,
  updatedAt: customers.updatedAt,
};

export const route = defineRoute({
  method: "get",
  path: "/api/customers",
  tags: ["Customers"],
  summary: "List Customers",
  description:
    "Filters combine with AND; names and phone match exactly, email case-insensitively. Default order: createdAt desc.",
  request: {
    query: z.object({
      firstName: filterText(40).optional(),
      lastName: filterText(40).optional(),
      phone: filterText(60).optional(),
      email: filterText(191).optional(),
      updatedSince: isoDateTime.optional(),
      sortField: z.enum(["createdAt", "firstName", "lastName", "updatedAt"]).optional(),
      sortOrder: z.enum(["asc", "desc"]).optional(),
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

type ListQuery = z.infer<typeof route.request.query>;

/** The filters and order of a query; each filter and sort is served by an index. */
export function listCriteria(db: Database, query: ListQuery) {
  const where = and(
    query.firstName !== undefined ? eq(customers.firstName, query.firstName.trim()) : undefined,
    query.lastName !== undefined ? eq(customers.lastName, query.lastName.trim()) : undefined,
    query.phone !== undefined
      ? inArray(
          customers.id,
          db
            .select({ id: customerPhones.customerId })
            .from(customerPhones)
            .where(eq(customerPhones.value, query.phone.trim())),
        )
      : undefined,
    query.email !== undefined
      ? inArray(
          customers.id,
          db
            .select({ id: customerEmails.customerId })
            .from(customerEmails)
            .where(eq(customerEmails.email, normalizeEmail(query.email))),
        )
      : undefined,
    query.updatedSince !== undefined ? gt(customers.updatedAt, query.updatedSince) : undefined,
  );
  const direction = query.sortOrder === "asc" ? asc : desc;
  const sortField = query.sortField ?? "createdAt";
  // A sync (updatedSince) matches few rows: read them through the updated_at index and sort
  // them, rather than walking the whole sort index (`+column` keeps SQLite from doing that).
  const sortColumn =
    query.updatedSince !== undefined && sortField !== "updatedAt"
      ? sql`+${SORT_FIELDS[sortField]}`
      : SORT_FIELDS[sortField];
  return { where, order: [direction(sortColumn), direction(customers.id)] };
}

export const handler: Handler<typeof route> = async (c) => {
  const query = c.req.valid("query");
  const page = paging(query, c.var.config.maxPageSize);
  const db = c.var.db;
  const { where, order } = listCriteria(db, query);
  const pageIds = db
    .select({ id: customers.id })
    .from(customers)
    .where(where)
    .orderBy(...order)
    .limit(page.size)
    .offset(page.offset);
  const [rows, [total], ...details] = await db.batch([
    db
      .select()
      .from(customers)
      .where(where)
      .orderBy(...order)
      .limit(page.size)
      .offset(page.offset),
    db.select({ n: count() }).from(customers).where(where),
    ...customerDetailStatements(db, pageIds.$dynamic(), false),
  ]);
  const items = rows.map((row) => presentCustomerListItem(row, details));
  return c.json(pageEnvelope("customers", items, total?.n ?? 0, page), 200);
};
