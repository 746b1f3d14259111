import { z } from "@hono/zod-openapi";
import { listCustomFields } from "../../../domain/mailboxes";
import { paging } from "../../../domain/paging";
import { defineRoute, idParam, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { CustomFieldSchema, presentCustomField } from "../../../present/mailbox";
import { pageEnvelope } from "../../../present/page";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/mailboxes/{mailboxId}/custom_fields",
  tags: ["Mailboxes"],
  summary: "List Mailbox Custom Fields",
  request: { params: z.object({ mailboxId: idParam("mailboxId") }), query: z.object(pagingQuery) },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ custom_fields: z.array(CustomFieldSchema) }), page: PageSchema }),
      "Custom fields in display order",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const { mailboxId } = c.req.valid("param");
  const page = await listCustomFields(
    c.var.services,
    mailboxId,
    paging(c.req.valid("query"), c.var.config.maxPageSize),
  );
  return c.json(pageEnvelope("custom_fields", page.rows.map(presentCustomField), page.total, page.paging), 200);
};
