import { z } from "@hono/zod-openapi";
import { createTimelog } from "../../../domain/conversations/timelogs";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, idParam, jsonBody, jsonContent } from "../../../lib/openapi";
import { conversationStatuses } from "../../../lib/vocabulary";
import { presentTimelog, TimelogSchema } from "../../../present/conversation";
import { createdHeaders, type Handler } from "../types";
import { FlagInput, IdInput } from "./schemas";

export const CreateTimelogBody = z
  .object({
    userId: IdInput,
    timeSpent: z
      .number()
      .int()
      .min(0)
      .max(10 * 365 * 86400)
      .openapi({ description: "Seconds" }),
    paused: FlagInput.optional(),
    finished: FlagInput.optional(),
    conversationStatus: z
      .enum(conversationStatuses)
      .optional()
      .openapi({ description: "Defaults to the conversation's current status" }),
  })
  .openapi("CreateTimelog");

export const route = defineRoute({
  method: "post",
  path: "/api/conversations/{conversationId}/timelogs",
  tags: ["Extensions"],
  summary: "Create Timelog (extension)",
  description: "Records time a user spent on a conversation, as FreeScout's Time Tracking module does.",
  request: { params: z.object({ conversationId: idParam("conversationId") }), body: jsonBody(CreateTimelogBody) },
  responses: { 201: jsonContent(TimelogSchema, "The recorded timelog") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { conversationId } = c.req.valid("param");
  const created = await createTimelog(c.var.services, { ...c.req.valid("json"), conversationId });
  publishEvents(c.var.services, created.events);
  const timelog = presentTimelog(created.timelog);
  return c.json(timelog, 201, createdHeaders(c.req.url, `/api/conversations/${conversationId}/timelogs`, timelog.id));
};
