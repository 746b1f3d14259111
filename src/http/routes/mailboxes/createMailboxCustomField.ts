import { z } from "@hono/zod-openapi";
import { createCustomField } from "../../../domain/mailboxes";
import { FieldDefinitionBody } from "../../../lib/customFieldInput";
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
  const { field } = await createCustomField(c.var.services, mailboxId, c.req.valid("json"));
  const path = `/api/mailboxes/${mailboxId}/custom_fields`;
  return c.json(presentCustomField(field), 201, createdHeaders(c.req.url, path, field.id));
};
