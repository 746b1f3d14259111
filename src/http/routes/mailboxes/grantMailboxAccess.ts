import { z } from "@hono/zod-openapi";
import { grantAccess } from "../../../domain/mailboxes";
import { defineRoute, idParam } from "../../../lib/openapi";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "put",
  path: "/api/mailboxes/{mailboxId}/users/{userId}",
  tags: ["Extensions"],
  summary: "Grant Mailbox Access (extension)",
  description: "Gives the user access to the mailbox and creates their Mine and Starred folders. Idempotent.",
  request: { params: z.object({ mailboxId: idParam("mailboxId"), userId: idParam("userId") }) },
  responses: { 204: { description: "Access granted" } },
});

export const handler: Handler<typeof route> = async (c) => {
  await grantAccess(c.var.services, c.req.valid("param"));
  return c.body(null, 204);
};
