import { type Hook, z } from "@hono/zod-openapi";
import { addThread } from "../../../domain/conversations/addThread";
import { conversationExists } from "../../../domain/conversations/exists";
import { publish } from "../../../domain/publish";
import { notFound } from "../../../lib/errors";
import { defineRoute, idParam, jsonBody, jsonContent } from "../../../lib/openapi";
import { ThreadSchema } from "../../../present/conversation";
import type { AppEnv } from "../../env";
import { validationHook } from "../../validationHook";
import { createdHeaders, type Handler } from "../types";
import { ConversationStatusInput, ThreadInput } from "./schemas";

export const CreateThreadBody = ThreadInput.extend({
  status: ConversationStatusInput.optional().openapi({
    description:
      "Sets the conversation status: active, pending, closed, spam (any other value means active); by default a customer reply re-activates and an agent reply makes it pending",
  }),
}).openapi("CreateThread");

export const route = defineRoute({
  method: "post",
  path: "/api/conversations/{conversationId}/threads",
  tags: ["Threads"],
  summary: "Create Thread",
  description:
    "Adds a customer reply, user reply or user note (or chat/phone thread) to a conversation. A customer reply without `customer` is written by the conversation's customer; a `customer` given on any thread becomes the conversation's customer.",
  request: { params: z.object({ conversationId: idParam("conversationId") }), body: jsonBody(CreateThreadBody) },
  responses: { 201: jsonContent(ThreadSchema, "The created thread") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId } = c.req.valid("param");
  const added = await addThread(c.var.services, { ...c.req.valid("json"), conversationId });
  publish(c.var.services, added);
  return c.json(added.thread, 201, createdHeaders(c.req.url, `/api/conversations/${conversationId}/threads`, added.id));
};

/**
 * FreeScout's module answers 404 for an unknown conversation before it looks at the body, so
 * a body zod refuses is first checked against the conversation (a read only on that path).
 */
// biome-ignore lint/suspicious/noExplicitAny: as the app's default hook, it returns nothing and reads only target and path
export const hook: Hook<any, AppEnv, any, Promise<any>> = async (result, c) => {
  if (!result.success && result.target === "json") {
    const id = Number(c.req.param("conversationId"));
    if (!(await conversationExists(c.var.services, id))) throw notFound("conversationId", id);
  }
  validationHook(result, c);
};
