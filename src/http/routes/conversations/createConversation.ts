import { z } from "@hono/zod-openapi";
import { createConversation } from "../../../domain/conversations/create";
import { publish } from "../../../domain/publish";
import { defineRoute, isoDateTime, jsonBody, jsonContent } from "../../../lib/openapi";
import { ConversationSchema } from "../../../present/conversation";
import { createdHeaders, type Handler } from "../types";
import {
  ConversationStateInput,
  ConversationStatusInput,
  ConversationType,
  CustomerRefInput,
  CustomFieldsInput,
  FlagInput,
  IdInput,
  ThreadInput,
} from "./schemas";

/** FreeScout finds the customer by id, email or phone, or creates it from firstName or email. */
function customerIdentified(body: unknown): boolean {
  const { customer } = (body ?? {}) as { customer?: unknown };
  const ref = Array.isArray(customer) ? customer[0] : customer;
  if (ref === null || typeof ref !== "object") return true; // the field's own error says so
  const { id, email, phone, firstName } = ref as Record<string, unknown>;
  return [id, email, phone, firstName].some((value) => value !== undefined && value !== null && value !== "");
}

/** FreeScout's threads: the valid ones are kept and the others skipped; all of them only if none is valid. */
const validThreadsOnly = (value: unknown) => {
  if (!Array.isArray(value)) return value;
  const valid = value.filter((item) => ThreadInput.safeParse(item).success);
  return valid.length ? valid : value;
};

export const CreateConversationBody = z
  .object({
    type: ConversationType,
    mailboxId: IdInput,
    subject: z
      .union([z.string(), z.number().transform(String)])
      .pipe(z.string().trim().max(998))
      .openapi({ type: "string", description: "May be empty, as in FreeScout" }),
    customer: CustomerRefInput,
    threads: z.preprocess(validThreadsOnly, z.array(ThreadInput).min(1).max(100)).openapi({
      description:
        "At least one thread; newest first. Invalid threads are skipped as FreeScout skips them; the request fails only if no thread is valid",
    }),
    imported: FlagInput.optional(),
    assignTo: IdInput.optional().openapi({
      description: "A user id; an unknown user leaves the conversation unassigned",
    }),
    status: ConversationStatusInput.optional().openapi({
      description:
        "Conversation status: active, pending, closed, spam (any other value means active). Without it, the newest thread's reply rule applies: a customer reply makes it active, an agent reply pending.",
    }),
    state: ConversationStateInput.optional(),
    customFields: CustomFieldsInput.optional(),
    createdAt: isoDateTime.optional(),
    closedAt: isoDateTime.optional(),
  })
  // Also in the domain; here too so that it comes with the other fields' errors (when: always).
  .refine((body: unknown) => customerIdentified(body), {
    path: ["customer"],
    message: "Customer object must contain a customer id, email, phone or firstName",
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
  publish(c.var.services, created);
  return c.json(created.conversation, 201, createdHeaders(c.req.url, "/api/conversations", created.id));
};
