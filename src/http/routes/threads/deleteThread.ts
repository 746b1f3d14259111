import { z } from "@hono/zod-openapi";
import { deleteThread } from "../../../domain/threads/remove";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, idParam } from "../../../lib/openapi";
import { IdInput } from "../conversations/schemas";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "delete",
  path: "/api/conversations/{conversationId}/threads/{threadId}",
  tags: ["Extensions"],
  summary: "Delete Thread (extension)",
  description:
    "Deletes a note or an agent's thread (message, phone) with its attachments (not in FreeScout's API module, " +
    "which users ask for). A customer's thread (customer, chat) is not destroyed: it is hidden (state " +
    '"hidden"; Get Conversation still shows it, and Update Thread with `hidden: false` shows it again). A line ' +
    "item cannot be deleted, nor can the conversation's only thread (409: delete the conversation instead). " +
    "The conversation's `threadsCount` and `updatedAt` follow; when the thread was its newest published reply, " +
    "the preview and waiting time move to the reply before. An email already sent stays sent. Fires the " +
    "extension event `convo.thread.deleted` (`convo.thread.updated` when a customer's thread is hidden), sent only " +
    "to webhooks that name it.",
  request: {
    params: z.object({ conversationId: idParam("conversationId"), threadId: idParam("threadId") }),
    query: z.object({
      byUserId: IdInput.optional().openapi({
        description: "The user deleting it; recorded in the history when a customer's thread is hidden",
      }),
    }),
  },
  responses: { 204: { description: "Deleted, or hidden for a customer's thread" } },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId, threadId } = c.req.valid("param");
  const deleted = await deleteThread(c.var.services, {
    conversationId,
    threadId,
    byUserId: c.req.valid("query").byUserId,
  });
  publishEvents(c.var.services, deleted.events);
  return c.body(null, 204);
};
