import { z } from "@hono/zod-openapi";
import { asc, eq } from "drizzle-orm";
import { customFields, mailboxes } from "../../../db/schema";
import { paging } from "../../../domain/paging";
import { pageEnvelope } from "../../../present/page";
import { notFound } from "../../../lib/errors";
import { defineRoute, idParam, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { CustomFieldSchema, presentCustomField } from "../../../present/mailbox";
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
  const page = paging(c.req.valid("query"), c.var.config.maxPageSize);
  const db = c.var.db;
  const [mailbox, rows] = await db.batch([
    db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, mailboxId)),
    db
      .select()
      .from(customFields)
      .where(eq(customFields.mailboxId, mailboxId))
      .orderBy(asc(customFields.sortOrder), asc(customFields.id)),
  ]);
  if (!mailbox[0]) throw notFound("mailboxId", mailboxId);
  const items = rows.slice(page.offset, page.offset + page.size).map(presentCustomField);
  return c.json(pageEnvelope("custom_fields", items, rows.length, page), 200);
};
