import { z } from "@hono/zod-openapi";
import { revokeAccess } from "../../../domain/mailboxes";
import { defineRoute, idParam } from "../../../lib/openapi";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "delete",
  path: "/api/mailboxes/{mailboxId}/users/{userId}",
  tags: ["Extensions"],
  summary: "Revoke Mailbox Access (extension)",
  request: { params: z.object({ mailboxId: idParam("mailboxId"), userId: idParam("userId") }) },
  responses: { 204: { description: "Access revoked" } },
});

export const handler: Handler<typeof route> = async (c) => {
  await revokeAccess(c.var.services, c.req.valid("param"));
  return c.body(null, 204);
};
