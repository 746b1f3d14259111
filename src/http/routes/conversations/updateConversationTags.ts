import { z } from "@hono/zod-openapi";
import { replaceTags } from "../../../domain/conversations/tagsAndFields";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, idParam, jsonBody } from "../../../lib/openapi";
import type { Handler } from "../types";

export const UpdateTagsBody = z
  .object({
    tags: z
      .array(z.unknown())
      .max(100)
      // FreeScout's module skips entries that are no names (lists, objects); numbers are names.
      .transform((entries) =>
        entries.flatMap((entry) =>
          typeof entry === "string" || typeof entry === "number" ? [String(entry).trim()].filter(Boolean) : [],
        ),
      )
      .pipe(z.array(z.string().max(100)))
      .openapi({
        description:
          "The full list of tag names; unknown tags are created, an empty list removes all; entries that are no names are skipped",
      }),
  })
  .openapi("UpdateConversationTags");

export const route = defineRoute({
  method: "put",
  path: "/api/conversations/{conversationId}/tags",
  tags: ["Tags"],
  summary: "Update Conversation Tags",
  request: { params: z.object({ conversationId: idParam("conversationId") }), body: jsonBody(UpdateTagsBody) },
  responses: { 204: { description: "Tags replaced" } },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId } = c.req.valid("param");
  const replaced = await replaceTags(c.var.services, { conversationId, ...c.req.valid("json") });
  publishEvents(c.var.services, replaced.events);
  return c.body(null, 204);
};
