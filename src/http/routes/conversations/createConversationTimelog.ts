import { z } from "@hono/zod-openapi";
import { eq, sql } from "drizzle-orm";
import { conversations, users } from "../../../db/schema";
import { nowSeconds } from "../../../lib/dates";
import { invalidField, notFound } from "../../../lib/errors";
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
  const input = c.req.valid("json");
  const db = c.var.db;
  const now = nowSeconds();
  const [user, inserted] = await db.batch([
    db.select({ id: users.id }).from(users).where(eq(users.id, input.userId)),
    db.run(sql`INSERT INTO timelogs (conversation_id, user_id, conversation_status, time_spent, paused, finished, created_at, updated_at)
      SELECT id, ${input.userId}, coalesce(${input.conversationStatus ?? null}, status), ${input.timeSpent},
        ${input.paused ? 1 : 0}, ${input.finished === false ? 0 : 1}, ${now}, ${now}
      FROM ${conversations} WHERE id = ${conversationId} AND EXISTS (SELECT 1 FROM users WHERE id = ${input.userId})
      RETURNING *`),
  ]);
  const row = (inserted as { results?: Record<string, unknown>[] }).results?.[0];
  if (!row) {
    if (!user[0]) throw invalidField("userId", "User not found", input.userId);
    throw notFound("conversationId", conversationId);
  }
  const timelog = presentTimelog({
    id: row.id as number,
    conversationId,
    userId: input.userId,
    conversationStatus: row.conversation_status as (typeof conversationStatuses)[number],
    timeSpent: input.timeSpent,
    paused: Boolean(row.paused),
    finished: Boolean(row.finished),
    createdAt: now,
    updatedAt: now,
  });
  return c.json(timelog, 201, createdHeaders(c.req.url, `/api/conversations/${conversationId}/timelogs`, timelog.id));
};
