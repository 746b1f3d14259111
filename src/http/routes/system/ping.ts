import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../../lib/openapi";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/ping",
  tags: ["Extensions"],
  summary: "Ping (extension)",
  description: "Checks that the API answers and the key is valid; reads nothing. The benchmark's floor.",
  responses: { 200: jsonContent(z.object({ status: z.literal("ok") }).openapi("Ping"), "The API is up") },
});

export const handler: Handler<typeof route> = (c) => c.json({ status: "ok" as const }, 200);
