import { z } from "@hono/zod-openapi";
import { deleteConversationAttachment } from "../../../domain/attachments/remove";
import { defineRoute, idParam } from "../../../lib/openapi";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "delete",
  path: "/api/conversations/{conversationId}/attachments/{attachmentId}",
  tags: ["Extensions"],
  summary: "Delete Conversation Attachment (extension)",
  description:
    "Deletes one attachment of the conversation: its row, then its stored file. Its thread and the conversation " +
    "get a new `updatedAt`; the thread's text is unchanged. 404 when the attachment is not in this conversation.",
  request: { params: z.object({ conversationId: idParam("conversationId"), attachmentId: idParam("attachmentId") }) },
  responses: { 204: { description: "Deleted" } },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId, attachmentId } = c.req.valid("param");
  await deleteConversationAttachment(c.var.services, { conversationId, attachmentId });
  return c.body(null, 204);
};
