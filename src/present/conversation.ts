/**
 * Conversations, threads and timelogs as Get Conversation / List Conversations show them.
 * The list item differs from the single conversation as the document shows: `threads` is a
 * count there; both carry FreeScout's `threadsCount`. Strings FreeScout never sends as null
 * (a thread's action, nested photoUrl and email) are "" when empty.
 */
import { z } from "@hono/zod-openapi";
import type { ConversationRow, People, PersonRow, ThreadRow, TimelogRow } from "../db/conversationQueries";
import { toIso } from "../lib/dates";
import { IsoDate } from "../lib/openapi";
import {
  conversationStates,
  conversationStatuses,
  conversationTypes,
  mailStatuses,
  replyFrom,
  threadActionTypes,
  threadStates,
  threadTypes,
} from "../lib/vocabulary";
import { type Attachment, AttachmentSchema } from "./attachment";
import { CustomerRefSchema, presentCustomerRef } from "./customerRef";
import { TagSchema } from "./tag";
import { presentUserRef, UserRefSchema } from "./user";

const SourceSchema = z.object({ type: z.string(), via: z.enum(replyFrom) });

const PersonSchema = z.union([UserRefSchema, CustomerRefSchema]);

export const CustomFieldValueSchema = z
  .object({ id: z.number().int(), name: z.string(), value: z.string(), text: z.string() })
  .openapi("CustomFieldValue");

/** Extension (not in FreeScout's API): the outgoing email of an agent's reply. */
const ThreadMailSchema = z
  .object({
    status: z.enum(mailStatuses).openapi({
      description:
        "queued: waiting to be sent; sent: the mail provider took it; failed: it could not be sent (see error; " +
        "the conversation also shows a line item); not_sent: nothing was attempted (see error: no send_email " +
        "binding, conversation deleted, no recipient); bounced: a bounce came back for it",
    }),
    error: z
      .string()
      .nullable()
      .openapi({ description: "Why it failed or was not sent; the last error while retrying" }),
    providerMessageId: z
      .string()
      .nullable()
      .openapi({ description: "The Message-ID the mail provider gave the sent message" }),
    sentAt: IsoDate.nullable().openapi({ description: "When the provider took it" }),
  })
  .nullable()
  .openapi("ThreadMail", {
    description:
      "Extension: delivery of this thread by email (agent replies that are published and not imported); null for threads that send none",
  });

export const ThreadSchema = z
  .object({
    id: z.number().int(),
    type: z.enum(threadTypes),
    status: z.enum(conversationStatuses),
    state: z.enum(threadStates),
    action: z
      .object({
        type: z
          .union([z.enum(threadActionTypes), z.literal("")])
          .openapi({ description: 'What a lineitem thread records; "" on other threads' }),
        text: z.string().openapi({
          description: 'What the thread did, as FreeScout words it: "Anna Lee replied to conversation #3"',
          example: "Anna Lee replied to conversation #3",
        }),
        associatedEntities: z.array(z.unknown()),
      })
      .openapi({ description: "What the thread records" }),
    body: z.string().nullable(),
    source: SourceSchema,
    customer: z.union([CustomerRefSchema, z.null()]),
    createdBy: PersonSchema.nullable(),
    assignedTo: UserRefSchema.nullable(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    bcc: z.array(z.string()),
    createdAt: IsoDate,
    openedAt: IsoDate.nullable(),
    mail: ThreadMailSchema,
    editedAt: IsoDate.nullable().openapi({
      description:
        'Extension: when the thread was last changed by Update Thread (text, hidden) or hidden by Delete Thread; null if never. A hidden thread has state "hidden".',
    }),
    editedBy: UserRefSchema.nullable().openapi({ description: "Extension: the user who made that change, if named" }),
    _embedded: z.object({ attachments: z.array(AttachmentSchema) }),
  })
  .openapi("Thread");

export const TimelogSchema = z
  .object({
    id: z.number().int(),
    conversationId: z.number().int(),
    conversationStatus: z.enum(conversationStatuses),
    userId: z.number().int(),
    timeSpent: z.number().int(),
    paused: z.boolean(),
    finished: z.boolean(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("Timelog");

const EmbeddedSchema = z.object({
  threads: z
    .array(ThreadSchema)
    .openapi({ description: "The threads, newest first, if embedded; [] otherwise (as FreeScout)" }),
  timelogs: z.array(TimelogSchema).optional(),
  tags: z.array(TagSchema).optional(),
});

const conversationFields = {
  id: z.number().int(),
  number: z.number().int(),
  type: z.enum(conversationTypes),
  folderId: z.number().int(),
  status: z.enum(conversationStatuses),
  state: z.enum(conversationStates),
  subject: z.string(),
  preview: z.string(),
  mailboxId: z.number().int(),
  assignee: UserRefSchema.nullable(),
  createdBy: PersonSchema.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  closedBy: z.number().int().nullable(),
  closedByUser: UserRefSchema.nullable(),
  closedAt: IsoDate.nullable(),
  userUpdatedAt: IsoDate.nullable(),
  customerWaitingSince: z.object({
    time: IsoDate.nullable(),
    friendly: z.string().nullable(),
    latestReplyFrom: z.enum(replyFrom).nullable(),
  }),
  source: SourceSchema,
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  customer: z.union([CustomerRefSchema, z.null()]),
  customFields: z.array(CustomFieldValueSchema),
  _embedded: EmbeddedSchema,
};

const ThreadsCount = z.number().int().openapi({ description: "Number of threads" });

export const ConversationSchema = z
  .object({ ...conversationFields, threadsCount: ThreadsCount })
  .openapi("Conversation");

export const ConversationListItemSchema = z
  .object({
    ...conversationFields,
    threads: ThreadsCount.openapi({ description: "Number of threads (the document's name)" }),
    threadsCount: ThreadsCount.openapi({ description: "Number of threads (FreeScout's name)" }),
  })
  .openapi("ConversationListItem");

export type Conversation = z.infer<typeof ConversationSchema>;
export type ConversationListItem = z.infer<typeof ConversationListItemSchema>;
export type Thread = z.infer<typeof ThreadSchema>;
type Embedded = z.infer<typeof EmbeddedSchema>;

const userRef = (person: PersonRow | null) => (person ? presentUserRef(person) : null);

const customerRef = (person: PersonRow | null) => (person ? presentCustomerRef(person) : null);

/** "10 hours ago", as FreeScout words `customerWaitingSince.friendly`. */
export function friendlyAgo(seconds: number, now: number): string {
  const elapsed = Math.max(0, now - seconds);
  const units: [number, string][] = [
    [365 * 86400, "year"],
    [30 * 86400, "month"],
    [7 * 86400, "week"],
    [86400, "day"],
    [3600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units) {
    const n = Math.floor(elapsed / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? "" : "s"} ago`;
  }
  return "just now";
}

function baseFields(row: ConversationRow, people: People, customFields: Conversation["customFields"], now: number) {
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    folderId: row.folderId,
    status: row.status,
    state: row.state,
    subject: row.subject,
    preview: row.preview,
    mailboxId: row.mailboxId,
    assignee: userRef(people.user(row.assigneeId)),
    createdBy:
      row.createdByUserId !== null
        ? userRef(people.user(row.createdByUserId))
        : customerRef(people.customer(row.createdByCustomerId)),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    closedBy: row.closedByUserId,
    closedByUser: userRef(people.user(row.closedByUserId)),
    closedAt: toIso(row.closedAt),
    userUpdatedAt: toIso(row.userUpdatedAt),
    customerWaitingSince: {
      time: toIso(row.lastReplyAt),
      friendly: row.lastReplyAt === null ? null : friendlyAgo(row.lastReplyAt, now),
      latestReplyFrom: row.lastReplyFrom,
    },
    source: { type: row.sourceType, via: row.sourceVia },
    cc: row.cc,
    bcc: row.bcc,
    customer: customerRef(people.customer(row.customerId)),
    customFields,
  };
}

export function presentConversation(
  row: ConversationRow,
  people: People,
  customFields: Conversation["customFields"],
  embedded: Embedded,
  now: number,
): Conversation {
  return { ...baseFields(row, people, customFields, now), threadsCount: row.threadsCount, _embedded: embedded };
}

export function presentListItem(
  row: ConversationRow,
  people: People,
  customFields: Conversation["customFields"],
  embedded: Embedded,
  now: number,
): ConversationListItem {
  return {
    ...baseFields(row, people, customFields, now),
    threads: row.threadsCount,
    threadsCount: row.threadsCount,
    _embedded: embedded,
  };
}

/** Where a thread stands in its conversation, for the words of its action text. */
export interface ThreadContext {
  /** The conversation's number. */
  number: number;
  /** Whether it is the conversation's first (oldest) thread. */
  first: boolean;
}

const personName = (person: PersonRow | null) =>
  person ? `${person.firstName ?? ""} ${person.lastName ?? ""}`.trim() || (person.email ?? "") : "";

/** FreeScout's description of a thread ("Anna Lee replied to conversation #3"). */
export function threadActionText(row: ThreadRow, people: People, context: ThreadContext): string {
  if (row.type === "lineitem") return row.actionText ?? "";
  const author =
    row.createdByUserId !== null ? people.user(row.createdByUserId) : people.customer(row.createdByCustomerId);
  const person = personName(author);
  const did =
    row.state === "draft"
      ? "created a draft"
      : context.first
        ? `started a new conversation #${context.number}`
        : row.type === "note"
          ? `added a note to conversation #${context.number}`
          : `replied to conversation #${context.number}`;
  return `${person} ${did}`.trim();
}

export function presentThread(
  row: ThreadRow,
  people: People,
  attachments: Attachment[],
  context: ThreadContext,
): Thread {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    state: row.state,
    action: { type: row.actionType ?? "", text: threadActionText(row, people, context), associatedEntities: [] },
    body: row.body,
    source: { type: row.sourceType, via: row.sourceVia },
    customer: customerRef(people.customer(row.customerId)),
    createdBy:
      row.createdByUserId !== null
        ? userRef(people.user(row.createdByUserId))
        : customerRef(people.customer(row.createdByCustomerId)),
    assignedTo: userRef(people.user(row.assignedToUserId)),
    to: row.to,
    cc: row.cc,
    bcc: row.bcc,
    createdAt: toIso(row.createdAt),
    openedAt: toIso(row.openedAt),
    mail: row.mailStatus
      ? {
          status: row.mailStatus,
          error: row.mailError,
          providerMessageId: row.mailProviderId,
          sentAt: toIso(row.mailSentAt),
        }
      : null,
    editedAt: toIso(row.editedAt),
    editedBy: userRef(people.user(row.editedByUserId)),
    _embedded: { attachments },
  };
}

export const presentTimelog = (row: TimelogRow): z.infer<typeof TimelogSchema> => ({
  id: row.id,
  conversationId: row.conversationId,
  conversationStatus: row.conversationStatus,
  userId: row.userId,
  timeSpent: row.timeSpent,
  paused: row.paused,
  finished: row.finished,
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});
