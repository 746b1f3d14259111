import { z } from "@hono/zod-openapi";
import { paging } from "../../../domain/paging";
import { listWebhooks } from "../../../domain/webhooks/subscriptions";
import { defineRoute, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { pageEnvelope } from "../../../present/page";
import { presentWebhook, WebhookSchema } from "../../../present/webhook";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/webhooks",
  tags: ["Extensions"],
  summary: "List Webhooks (extension)",
  description: "Webhooks sorted by id, as newer FreeScout versions list them.",
  request: { query: z.object(pagingQuery) },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ webhooks: z.array(WebhookSchema) }), page: PageSchema }),
      "Webhooks",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const page = await listWebhooks(c.var.services, paging(c.req.valid("query"), c.var.config.maxPageSize));
  return c.json(pageEnvelope("webhooks", page.rows.map(presentWebhook), page.total, page.paging), 200);
};
