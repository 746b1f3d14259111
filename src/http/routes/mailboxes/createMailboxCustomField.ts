import { z } from "@hono/zod-openapi";
import { customFields } from "../../../db/schema";
import { requireMailbox } from "../../../domain/mailboxes";
import { FieldDefinitionBody, normalizeOptions } from "../../../lib/customFieldInput";
import { defineRoute, idParam, jsonBody, jsonContent } from "../../../lib/openapi";
import { CustomFieldSchema, presentCustomField } from "../../../present/mailbox";
import { createdHeaders, type Handler } from "../types";

export const route = defineRoute({
  method: "post",
  path: "/api/mailboxes/{mailboxId}/custom_fields",
  tags: ["Extensions"],
  summary: "Create Mailbox Custom Field (extension)",
  request: { params: z.object({ mailboxId: idParam("mailboxId") }), body: jsonBody(FieldDefinitionBody) },
  responses: { 201: jsonContent(CustomFieldSchema, "The created custom field") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { mailboxId } = c.req.valid("param");
  const input = c.req.valid("json");
  await requireMailbox(c.var.db, mailboxId);
  const [row] = await c.var.db
    .insert(customFields)
    .values({ mailboxId, ...input, options: normalizeOptions(input.options) })
    .returning();
  const path = `/api/mailboxes/${mailboxId}/custom_fields`;
  return c.json(presentCustomField(row!), 201, createdHeaders(c.req.url, path, row!.id));
};
