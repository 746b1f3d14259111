/** A conversation's attachment as List Conversation Attachments shows it: a thread's attachment and its thread. */
import { z } from "@hono/zod-openapi";
import type { attachments } from "../db/schema";
import { AttachmentSchema, presentAttachment } from "./attachment";

export const ConversationAttachmentSchema = AttachmentSchema.extend({
  threadId: z.number().int().openapi({ description: "The thread the file is attached to" }),
}).openapi("ConversationAttachment");

export type ConversationAttachment = z.infer<typeof ConversationAttachmentSchema>;
type Row = Pick<typeof attachments.$inferSelect, "id" | "threadId" | "fileName" | "mimeType" | "size">;

export const presentConversationAttachment = (row: Row, fileUrl: string): ConversationAttachment => ({
  ...presentAttachment(row, fileUrl),
  threadId: row.threadId,
});
