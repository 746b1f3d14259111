import { z } from "@hono/zod-openapi";
import { deleteConversation } from "../../../domain/conversations/remove";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, idParam } from "../../../lib/openapi";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "delete",
  path: "/api/conversations/{conversationId}",
  tags: ["Conversations"],
  summary: "Delete Conversation",
  description:
    "Deletes the conversation forever, with its threads, attachments, tags, custom field values and timelogs.",
  request: { params: z.object({ conversationId: idParam("conversationId") }) },
  responses: { 204: { description: "Deleted" } },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId } = c.req.valid("param");
  const deleted = await deleteConversation(c.var.services, { conversationId });
  publishEvents(c.var.services, deleted.events);
  return c.body(null, 204);
};
