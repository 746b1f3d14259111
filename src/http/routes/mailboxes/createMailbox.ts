import { z } from "@hono/zod-openapi";
import { createMailbox } from "../../../domain/mailboxes";
import { defineRoute, jsonBody, jsonContent } from "../../../lib/openapi";
import { MailboxSchema, presentMailbox } from "../../../present/mailbox";
import { createdHeaders, type Handler } from "../types";

export const MailboxBody = z
  .object({ name: z.string().trim().min(1).max(40), email: z.email().max(128) })
  .openapi("MailboxInput");

export const route = defineRoute({
  method: "post",
  path: "/api/mailboxes",
  tags: ["Extensions"],
  summary: "Create Mailbox (extension)",
  description: "Creates a mailbox with its public folders. Not in FreeScout's API: this deployment has no admin UI.",
  request: { body: jsonBody(MailboxBody) },
  responses: { 201: jsonContent(MailboxSchema, "The created mailbox") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { mailbox } = await createMailbox(c.var.services, c.req.valid("json"));
  return c.json(presentMailbox(mailbox), 201, createdHeaders(c.req.url, "/api/mailboxes", mailbox.id));
};
