import { z } from "@hono/zod-openapi";
import { listCustomerFields } from "../../../domain/customerFields";
import { paging } from "../../../domain/paging";
import { defineRoute, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { CustomFieldSchema, presentCustomField } from "../../../present/mailbox";
import { pageEnvelope } from "../../../present/page";
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
  const page = await listCustomerFields(c.var.services, paging(c.req.valid("query"), c.var.config.maxPageSize));
  return c.json(pageEnvelope("customer_fields", page.rows.map(presentCustomField), page.total, page.paging), 200);
};
