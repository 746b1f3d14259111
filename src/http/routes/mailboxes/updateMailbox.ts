import { z } from "@hono/zod-openapi";
import { updateMailbox } from "../../../domain/mailboxes";
import { defineRoute, idParam, jsonBody } from "../../../lib/openapi";
import type { Handler } from "../types";
import { MailboxBody } from "./createMailbox";

export const route = defineRoute({
  method: "put",
  path: "/api/mailboxes/{mailboxId}",
  tags: ["Extensions"],
  summary: "Update Mailbox (extension)",
  request: {
    params: z.object({ mailboxId: idParam("mailboxId") }),
    body: jsonBody(MailboxBody.partial().openapi("MailboxUpdate")),
  },
  responses: { 204: { description: "Updated" } },
});

export const handler: Handler<typeof route> = async (c) => {
  const { mailboxId } = c.req.valid("param");
  await updateMailbox(c.var.services, { mailboxId, ...c.req.valid("json") });
  return c.body(null, 204);
};
