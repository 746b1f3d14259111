import { z } from "@hono/zod-openapi";
import { editThread } from "../../../domain/threads/edit";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, idParam, jsonBody, jsonContent } from "../../../lib/openapi";
import { ThreadSchema } from "../../../present/conversation";
import { FlagInput, IdInput } from "../conversations/schemas";
import type { Handler } from "../types";

export const UpdateThreadBody = z
  .object({
    text: z.string().min(1).max(1_000_000).optional().openapi({
      description:
        "The new text (HTML) of a note or an agent's thread (message, phone). The text it replaces is kept in the thread's history.",
    }),
    hidden: FlagInput.optional().openapi({
      description:
        "true hides a customer's thread (customer, chat) or an agent's reply (message, phone), state \"hidden\"; false shows it again. Not for notes or drafts.",
    }),
    byUserId: IdInput.optional().openapi({ description: "Required: the user making the change (an active user)" }),
    user: IdInput.optional().openapi({ description: "The same as byUserId (Create Thread's name for the author)" }),
  })
  .openapi("UpdateThread");

export const route = defineRoute({
  method: "patch",
  path: "/api/conversations/{conversationId}/threads/{threadId}",
  tags: ["Extensions"],
  summary: "Update Thread (extension)",
  description:
    "Changes the text of a thread or hides it, as Help Scout's Mailbox API does (not in FreeScout's API module). " +
    "The text of a note or an agent's thread (message, phone) can change; a customer's thread (customer, chat) " +
    "keeps its words and can only be hidden or shown again, as can an agent's reply; a line item cannot be " +
    "changed (409), nor can a draft be hidden. Each change keeps who made it, when, and the text and state it " +
    "replaced; the thread shows `editedAt` and `editedBy`. The thread and the conversation get a new `updatedAt`; " +
    "when the thread is the conversation's newest published reply (customer, chat or message), the " +
    "conversation's preview follows its new text, and hiding it moves the preview and waiting time to the " +
    "reply before. An email already sent is not sent again; a reply hidden while its email is still queued is not sent. A change that changes nothing writes nothing. " +
    "Fires the extension event `convo.thread.updated` (sent only to webhooks that name it) when something changed.",
  request: {
    params: z.object({ conversationId: idParam("conversationId"), threadId: idParam("threadId") }),
    body: jsonBody(UpdateThreadBody),
  },
  responses: { 200: jsonContent(ThreadSchema, "The thread as changed") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId, threadId } = c.req.valid("param");
  const { text, hidden, byUserId, user } = c.req.valid("json");
  const edited = await editThread(c.var.services, {
    conversationId,
    threadId,
    text,
    hidden,
    byUserId: byUserId ?? user,
  });
  publishEvents(c.var.services, edited.events);
  return c.json(edited.thread, 200);
};
