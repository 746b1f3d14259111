import { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { webhooks } from "../../../db/schema";
import { notFound } from "../../../lib/errors";
import { defineRoute, idParam } from "../../../lib/openapi";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "delete",
  path: "/api/webhooks/{webhookId}",
  tags: ["Webhooks"],
  summary: "Delete Webhook",
  description: "Deliveries still waiting on the queue are dropped, not sent.",
  request: { params: z.object({ webhookId: idParam("webhookId") }) },
  responses: { 204: { description: "Deleted" } },
});

export const handler: Handler<typeof route> = async (c) => {
  const { webhookId } = c.req.valid("param");
  const removed = await c.var.db.delete(webhooks).where(eq(webhooks.id, webhookId)).returning({ id: webhooks.id });
  if (!removed[0]) throw notFound("webhookId", webhookId);
  return c.body(null, 204);
};
