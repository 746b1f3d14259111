import { z } from "@hono/zod-openapi";
import { listApiKeys } from "../../../domain/apiKeys";
import { paging } from "../../../domain/paging";
import { defineRoute, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { ApiKeySchema, presentApiKey } from "../../../present/apiKey";
import { pageEnvelope } from "../../../present/page";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/api-keys",
  tags: ["Extensions"],
  summary: "List API Keys (extension)",
  description: "Every key with its scope and dates (never the key itself), by id. Full keys only.",
  request: { query: z.object(pagingQuery) },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ apiKeys: z.array(ApiKeySchema) }), page: PageSchema }),
      "API keys",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const page = await listApiKeys(c.var.services, paging(c.req.valid("query"), c.var.config.maxPageSize));
  return c.json(pageEnvelope("apiKeys", page.rows.map(presentApiKey), page.total, page.paging), 200);
};
