import { z } from "@hono/zod-openapi";
import { asc } from "drizzle-orm";
import { customerFields } from "../../../db/schema";
import { paging } from "../../../domain/paging";
import { pageEnvelope } from "../../../present/page";
import { defineRoute, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { CustomFieldSchema, presentCustomField } from "../../../present/mailbox";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/customer_fields",
  tags: ["Extensions"],
  summary: "List Customer Fields (extension)",
  request: { query: z.object(pagingQuery) },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ customer_fields: z.array(CustomFieldSchema) }), page: PageSchema }),
      "Customer field definitions in display order",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const page = paging(c.req.valid("query"), c.var.config.maxPageSize);
  const rows = await c.var.db
    .select()
    .from(customerFields)
    .orderBy(asc(customerFields.sortOrder), asc(customerFields.id));
  const items = rows.slice(page.offset, page.offset + page.size).map(presentCustomField);
  return c.json(pageEnvelope("customer_fields", items, rows.length, page), 200);
};
