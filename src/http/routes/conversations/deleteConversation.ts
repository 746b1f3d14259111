import { z } from "@hono/zod-openapi";
import { deleteAttachmentObjects } from "../../../domain/attachments/store";
import { deleteConversationRows } from "../../../domain/conversations/remove";
import { conversationBeforeDelete, DELETE_EVENTS } from "../../../domain/webhooks/events";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, idParam } from "../../../lib/openapi";
import type { Handler } from "../types";
import { presentContext } from "./context";

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
  const before = await conversationBeforeDelete(c.var.db, conversationId, presentContext(c));
  const r2Keys = await deleteConversationRows(c.var.db, conversationId);
  if (r2Keys.length) c.executionCtx.waitUntil(deleteAttachmentObjects(c.env, r2Keys));
  publishEvents(
    c.var.services,
    DELETE_EVENTS.map((event) => ({ event, payload: before })),
  );
  return c.body(null, 204);
};
