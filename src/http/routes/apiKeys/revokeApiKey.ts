import { z } from "@hono/zod-openapi";
import { revokeApiKey } from "../../../domain/apiKeys";
import { defineRoute, idParam } from "../../../lib/openapi";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "delete",
  path: "/api/api-keys/{keyId}",
  tags: ["Extensions"],
  summary: "Revoke API Key (extension)",
  description:
    "The key stops working within a minute (isolates remember a verified key that long). Revoking a revoked key changes nothing. Full keys only.",
  request: { params: z.object({ keyId: idParam("keyId") }) },
  responses: { 204: { description: "Revoked" } },
});

export const handler: Handler<typeof route> = async (c) => {
  await revokeApiKey(c.var.services, c.req.valid("param").keyId);
  return c.body(null, 204);
};
