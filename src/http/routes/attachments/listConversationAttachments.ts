import { z } from "@hono/zod-openapi";
import { listConversationAttachments } from "../../../domain/attachments/list";
import { defineRoute, idParam, jsonContent } from "../../../lib/openapi";
import { ConversationAttachmentSchema, presentConversationAttachment } from "../../../present/conversationAttachment";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/conversations/{conversationId}/attachments",
  tags: ["Extensions"],
  summary: "List Conversation Attachments (extension)",
  description:
    "Every attachment of the conversation's threads (hidden threads included), oldest first: the attachment as " +
    "a thread embeds it, with its signed `fileUrl`, and the thread it belongs to.",
  request: { params: z.object({ conversationId: idParam("conversationId") }) },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ attachments: z.array(ConversationAttachmentSchema) }) }),
      "The attachments",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId } = c.req.valid("param");
  const { rows, urls } = await listConversationAttachments(c.var.services, { conversationId });
  const attachments = rows.map((row, index) => presentConversationAttachment(row, urls[index]!));
  return c.json({ _embedded: { attachments } }, 200);
};
