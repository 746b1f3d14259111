/** Body schemas shared by Create Conversation and Create Thread. */
import { z } from "@hono/zod-openapi";
import { DEFAULT_MIME_TYPE } from "../../../domain/attachments/store";
import { threadInputTypes } from "../../../domain/conversations/threadInput";
import { emailList, isoDateTime, lenientEmail } from "../../../lib/openapi";
import { conversationStates, conversationStatuses, conversationTypes, threadStates } from "../../../lib/vocabulary";
import { customerFields } from "../customers/schemas";

/** An id as JSON number or, as PHP clients send it, a numeric string. */
export const IdInput = z
  .union([
    z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    z
      .string()
      .regex(/^\d{1,15}$/)
      .transform(Number),
  ])
  .openapi({ type: "integer", example: 1 });

/** `true`/`false`, or what PHP's http_build_query makes of them ("1", "", "0"). */
export const FlagInput = z
  .union([z.boolean(), z.enum(["1", "0", "", "true", "false"]).transform((v) => v === "1" || v === "true")])
  .openapi({ type: "boolean" });

const Email = lenientEmail;

/**
 * A FreeScout code (type, status, state): a known value as given, any other value the
 * module's default, as the module coerces it.
 */
export const codeInput = <const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number],
  what: string,
) =>
  z
    .string()
    .transform((value): T[number] => ((values as readonly string[]).includes(value) ? value : fallback))
    .openapi({
      type: "string",
      enum: [...values],
      description: `${what}: ${values.join(", ")}. Any other value means ${fallback}, as FreeScout reads it.`,
    });

export const ConversationStatusInput = codeInput(conversationStatuses, "active", "Conversation status");

/** Zapier sends the customer as a one-element array; FreeScout takes its first element. */
const firstIfArray = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const CustomerRefInput = z.preprocess(
  firstIfArray,
  z
    .object({
      id: IdInput.optional(),
      email: Email.optional(),
      // Create Customer's fields and limits: they shape a new customer only.
      ...customerFields,
    })
    .openapi("CustomerReference", {
      description:
        "A customer by id, else by email, else by phone; an existing customer is used unchanged. When none matches, a customer is created with every Create Customer field given here (firstName, email or phone suffices). A one-element array is read as its element.",
    }),
);

export const AttachmentInput = z
  .object({
    fileName: z.string().min(1).max(1000),
    mimeType: z.string().max(255).default(DEFAULT_MIME_TYPE),
    data: z.string().optional().openapi({ description: "File content, base64" }),
    fileUrl: z.string().max(2048).optional().openapi({ description: "http(s) URL the server downloads the file from" }),
  })
  .superRefine((value, ctx) => {
    if (value.data !== undefined && value.fileUrl !== undefined) {
      ctx.addIssue({ code: "custom", path: ["fileUrl"], message: "Give either data or fileUrl, not both" });
    } else if (value.data === undefined && value.fileUrl === undefined) {
      ctx.addIssue({ code: "custom", path: ["data"], message: "Give data (base64) or fileUrl" });
    }
  })
  .openapi("AttachmentInput");

const filled = (value: unknown) => typeof value === "string" && value !== "";

/**
 * FreeScout skips an attachment without fileName or content, and reads `data` when both
 * `data` and `fileUrl` are given.
 */
function usableAttachments(value: unknown) {
  if (!Array.isArray(value)) return value;
  return value.flatMap((item) => {
    if (item === null || typeof item !== "object") return [];
    const { fileName, data, fileUrl, ...rest } = item as Record<string, unknown>;
    if (!filled(fileName) || (!filled(data) && !filled(fileUrl))) return [];
    return [{ ...rest, fileName, ...(filled(data) ? { data } : { fileUrl }) }];
  });
}

export const ThreadInput = z
  .object({
    type: codeInput(threadInputTypes, "customer", "Thread type"),
    text: z.string().min(1).max(1_000_000),
    customer: CustomerRefInput.optional(),
    user: IdInput.optional(),
    imported: FlagInput.optional(),
    state: codeInput(threadStates, "published", "Thread state").optional(),
    to: emailList(100).optional(),
    cc: emailList(100).optional(),
    bcc: emailList(100).optional(),
    createdAt: isoDateTime.optional(),
    attachments: z.preprocess(usableAttachments, z.array(AttachmentInput).max(50)).optional().openapi({
      description:
        "As FreeScout: an entry without fileName, or without both data and fileUrl, is skipped; data wins over fileUrl",
    }),
  })
  .openapi("ThreadInput");

export const ConversationType = codeInput(conversationTypes, "email", "Conversation type");

export const ConversationStateInput = codeInput(conversationStates, "published", "Conversation state");

export const CustomFieldsInput = z
  .array(z.object({ id: IdInput, value: z.union([z.string(), z.number(), z.null()]) }))
  .max(200);
