import { z } from "@hono/zod-openapi";
import { createMailbox } from "../../../domain/mailboxes";
import { defineRoute, jsonBody, jsonContent } from "../../../lib/openapi";
import { MailboxWithSettingsSchema, presentMailboxWithSettings } from "../../../present/mailbox";
import { createdHeaders, type Handler } from "../types";

export const MailboxBody = z
  .object({
    name: z.string().trim().min(1).max(40),
    email: z.email().max(128).openapi({ description: "The primary address: mail to it becomes conversations" }),
    aliases: z
      .array(z.email().max(128))
      .max(20)
      .optional()
      .openapi({ description: "Further addresses routed to this mailbox (replaces the list on update)" }),
    fromName: z.string().trim().max(100).nullable().optional().openapi({
      description: "Name outgoing mail is sent as; null: the mailbox name",
    }),
    autoReply: z
      .object({
        enabled: z.boolean().optional(),
        subject: z.string().max(998).nullable().optional(),
        body: z.string().max(65_535).nullable().optional().openapi({ description: "HTML, sanitised when stored" }),
      })
      .optional()
      .openapi({ description: "Auto-reply to a customer's new conversation by email" }),
    signature: z
      .string()
      .max(65_535)
      .nullable()
      .optional()
      .openapi({ description: "HTML appended to agents' replies, sanitised when stored" }),
  })
  .openapi("MailboxInput");

export const route = defineRoute({
  method: "post",
  path: "/api/mailboxes",
  tags: ["Extensions"],
  summary: "Create Mailbox (extension)",
  description:
    "Creates a mailbox with its public folders, its addresses and mail settings. Not in FreeScout's API: this deployment has no admin UI.",
  request: { body: jsonBody(MailboxBody) },
  responses: { 201: jsonContent(MailboxWithSettingsSchema, "The created mailbox with its mail settings") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { mailbox } = await createMailbox(c.var.services, c.req.valid("json"));
  return c.json(presentMailboxWithSettings(mailbox), 201, createdHeaders(c.req.url, "/api/mailboxes", mailbox.id));
};
