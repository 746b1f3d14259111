import { z } from "@hono/zod-openapi";
import { CHANGE_KEYS, type ChangeKey, updateConversation } from "../../../domain/conversations/update";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, idParam, jsonBody } from "../../../lib/openapi";
import type { Handler } from "../types";
import { ConversationStatusInput, IdInput } from "./schemas";

export const UpdateConversationBody = z
  .object({
    byUser: IdInput.optional().openapi({ description: "Required when changing status, assignTo or mailboxId" }),
    status: ConversationStatusInput.optional(),
    assignTo: z
      .union([IdInput, z.literal(0), z.literal(-1), z.literal("-1").transform(() => -1), z.null()])
      .optional()
      .openapi({
        type: ["integer", "null"],
        description:
          "User id; null, 0 or -1 unassigns. As in FreeScout, mailbox access is not checked; an unknown user changes nothing.",
      }),
    mailboxId: IdInput.optional().openapi({
      description: "Moves the conversation; an assignee without access to that mailbox hands it to byUser",
    }),
    customerId: IdInput.optional(),
    subject: z
      .union([z.string(), z.number().transform(String)])
      .pipe(z.string().trim().max(998))
      .optional()
      .openapi({ type: "string" }),
  })
  .openapi("UpdateConversation");

export const route = defineRoute({
  method: "put",
  path: "/api/conversations/{conversationId}",
  tags: ["Conversations"],
  summary: "Update Conversation",
  description:
    "The order of the body's keys is the order in which changes are made; status, assignee, mailbox and customer changes record line-item threads.",
  request: { params: z.object({ conversationId: idParam("conversationId") }), body: jsonBody(UpdateConversationBody) },
  responses: { 204: { description: "Updated" } },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId } = c.req.valid("param");
  const input = c.req.valid("json");
  const raw: Record<string, unknown> = await c.req.json();
  const order = Object.keys(raw).filter((key): key is ChangeKey => (CHANGE_KEYS as readonly string[]).includes(key));
  const updated = await updateConversation(c.var.services, { ...input, conversationId, order });
  publishEvents(c.var.services, updated.events);
  return c.body(null, 204);
};
