import { z } from "@hono/zod-openapi";
import { EMBEDS, embedSet, loadConversation } from "../../../domain/conversations/load";
import { notFound } from "../../../lib/errors";
import { defineRoute, idParam, jsonContent } from "../../../lib/openapi";
import { ConversationSchema } from "../../../present/conversation";
import type { Handler } from "../types";

/** Known embeds; unknown ones are ignored, as FreeScout ignores them. */
export const EmbedQuery = z
  .string()
  .transform((value) =>
    // Empty means not given (FreeScout: Get Conversation then embeds threads).
    value.trim() === ""
      ? undefined
      : value
          .split(",")
          .map((part) => part.trim())
          .filter((part): part is (typeof EMBEDS)[number] => (EMBEDS as readonly string[]).includes(part)),
  )
  .openapi({
    type: "string",
    description: "Comma separated: threads, timelogs, tags; unknown values are ignored",
    example: "threads,tags",
  });

export const route = defineRoute({
  method: "get",
  path: "/api/conversations/{conversationId}",
  tags: ["Conversations"],
  summary: "Get Conversation",
  request: {
    params: z.object({ conversationId: idParam("conversationId") }),
    query: z.object({ embed: EmbedQuery.optional().openapi({ description: "Default: threads" }) }),
  },
  responses: { 200: jsonContent(ConversationSchema, "The conversation") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId } = c.req.valid("param");
  const embed = embedSet(c.req.valid("query").embed, ["threads"]);
  const conversation = await loadConversation(c.var.services, { id: conversationId, embed });
  if (!conversation) throw notFound("conversationId", conversationId);
  return c.json(conversation, 200);
};
