/** Body schemas shared by Create Conversation and Create Thread. */
import { z } from "@hono/zod-openapi";
import { DEFAULT_MIME_TYPE } from "../../../domain/attachments/store";
import { threadInputTypes } from "../../../domain/conversations/threadInput";
import { isoDateTime } from "../../../lib/openapi";
import { conversationTypes } from "../../../lib/vocabulary";

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

const Email = z.email().max(191);

export const CustomerRefInput = z
  .object({
    id: IdInput.optional(),
    email: Email.optional(),
    firstName: z.string().trim().max(40).optional(),
    lastName: z.string().trim().max(40).optional(),
    phone: z.string().trim().min(1).max(60).optional(),
  })
  .openapi("CustomerReference", {
    description:
      "A customer by id, else by email (created when unknown); phone conversations may give firstName or phone instead.",
  });

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

export const ThreadInput = z
  .object({
    type: z.enum(threadInputTypes),
    text: z.string().min(1).max(1_000_000),
    customer: CustomerRefInput.optional(),
    user: IdInput.optional(),
    imported: FlagInput.optional(),
    state: z.enum(["draft", "published"]).optional(),
    to: z.array(Email).max(100).optional(),
    cc: z.array(Email).max(100).optional(),
    bcc: z.array(Email).max(100).optional(),
    createdAt: isoDateTime.optional(),
    attachments: z.array(AttachmentInput).max(50).optional(),
  })
  .openapi("ThreadInput");

export const ConversationType = z.enum(conversationTypes);

export const CustomFieldsInput = z
  .array(z.object({ id: IdInput, value: z.union([z.string(), z.number(), z.null()]) }))
  .max(200);
