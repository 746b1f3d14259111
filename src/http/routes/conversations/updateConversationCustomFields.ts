import { z } from "@hono/zod-openapi";
import { updateCustomFields } from "../../../domain/conversations/tagsAndFields";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, idParam, jsonBody } from "../../../lib/openapi";
import type { Handler } from "../types";
import { CustomFieldsInput } from "./schemas";

export const UpdateCustomFieldsBody = z
  .object({
    customFields: CustomFieldsInput.openapi({
      description: "Values to set; a dropdown takes the option id; an empty value clears the field",
    }),
  })
  .openapi("UpdateCustomFields");

export const route = defineRoute({
  method: "put",
  path: "/api/conversations/{conversationId}/custom_fields",
  tags: ["Custom Fields"],
  summary: "Update Custom Fields",
  request: { params: z.object({ conversationId: idParam("conversationId") }), body: jsonBody(UpdateCustomFieldsBody) },
  responses: { 204: { description: "Values set" } },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId } = c.req.valid("param");
  const updated = await updateCustomFields(c.var.services, { conversationId, ...c.req.valid("json") });
  publishEvents(c.var.services, updated.events);
  return c.body(null, 204);
};
