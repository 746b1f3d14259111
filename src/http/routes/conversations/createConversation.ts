import { z } from "@hono/zod-openapi";
import { createConversation } from "../../../domain/conversations/create";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, isoDateTime, jsonBody, jsonContent } from "../../../lib/openapi";
import { ConversationSchema } from "../../../present/conversation";
import { createdHeaders, type Handler } from "../types";
import { ConversationType, CustomerRefInput, CustomFieldsInput, FlagInput, IdInput, ThreadInput } from "./schemas";

/** A phone conversation may name its customer by name or phone; others need an id or email. */
function customerIdentified(body: unknown): boolean {
  const { type, customer } = (body ?? {}) as { type?: unknown; customer?: unknown };
  if (type === "phone" || customer === null || typeof customer !== "object") return true;
  const { id, email } = customer as { id?: unknown; email?: unknown };
  return email !== undefined || id !== undefined;
}

export const CreateConversationBody = z
  .object({
    type: ConversationType,
    mailboxId: IdInput,
    subject: z.string().trim().min(1).max(998),
    customer: CustomerRefInput,
    threads: z.array(ThreadInput).min(1).max(100).openapi({ description: "At least one thread; newest first" }),
    imported: FlagInput.optional(),
    assignTo: IdInput.optional(),
    status: z.enum(["active", "pending", "closed"]).optional(),
    customFields: CustomFieldsInput.optional(),
    createdAt: isoDateTime.optional(),
    closedAt: isoDateTime.optional(),
  })
  // Also in the domain; here too so that it comes with the other fields' errors (when: always).
  .refine((body: unknown) => customerIdentified(body), {
    path: ["customer"],
    message: "Customer object must contain a valid customer id or an email address",
    when: () => true,
  })
  .openapi("CreateConversation");

export const route = defineRoute({
  method: "post",
  path: "/api/conversations",
  tags: ["Conversations"],
  summary: "Create Conversation",
  description: "Creates a conversation in a mailbox with at least one thread.",
  request: { body: jsonBody(CreateConversationBody) },
  responses: { 201: jsonContent(ConversationSchema, "The created conversation, with its threads") },
});

export const handler: Handler<typeof route> = async (c) => {
  const created = await createConversation(c.var.services, c.req.valid("json"));
  publishEvents(c.var.services, created.events);
  return c.json(created.conversation, 201, createdHeaders(c.req.url, "/api/conversations", created.id));
};
