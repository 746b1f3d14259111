import { z } from "@hono/zod-openapi";
import { addThread } from "../../../domain/conversations/addThread";
import { finishThread } from "../../../domain/conversations/load";
import { customerCreatedEvents } from "../../../domain/customers/events";
import { conversationPayload, threadEvents } from "../../../domain/webhooks/events";
import { publishEvents } from "../../../domain/webhooks/publish";
import { nowSeconds } from "../../../lib/dates";
import { defineRoute, idParam, jsonBody, jsonContent } from "../../../lib/openapi";
import { ThreadSchema } from "../../../present/conversation";
import { createdHeaders, type Handler } from "../types";
import { presentContext } from "./context";
import { ThreadInput } from "./schemas";

export const CreateThreadBody = ThreadInput.extend({
  status: z.enum(["active", "pending", "closed"]).optional().openapi({
    description:
      "Sets the conversation status; by default a customer reply re-activates and an agent reply makes it pending",
  }),
}).openapi("CreateThread");

export const route = defineRoute({
  method: "post",
  path: "/api/conversations/{conversationId}/threads",
  tags: ["Threads"],
  summary: "Create Thread",
  description: "Adds a customer reply, user reply or user note (or chat/phone thread) to a conversation.",
  request: { params: z.object({ conversationId: idParam("conversationId") }), body: jsonBody(CreateThreadBody) },
  responses: { 201: jsonContent(ThreadSchema, "The created thread") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId } = c.req.valid("param");
  const input = c.req.valid("json");
  const added = await addThread(c.var.db, c.env, c.var.config, conversationId, input, nowSeconds());
  const thread = await finishThread(c.var.db, added.reads, presentContext(c));
  const payload = conversationPayload(c.var.db, conversationId, presentContext(c));
  publishEvents(c.var.services, [
    ...customerCreatedEvents(c.var.services, added.newCustomers),
    ...threadEvents(input.type, added.statusBefore !== added.statusAfter, payload),
  ]);
  return c.json(thread!, 201, createdHeaders(c.req.url, `/api/conversations/${conversationId}/threads`, added.id));
};
