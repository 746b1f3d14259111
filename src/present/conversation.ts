/**
 * Conversations, threads and timelogs as Get Conversation / List Conversations show them.
 * The list item differs from the single conversation as the document shows: `threads` is a
 * count there, `threadsCount` here.
 */
import { z } from "@hono/zod-openapi";
import type { ConversationRow, People, PersonRow, ThreadRow, TimelogRow } from "../db/conversationQueries";
import { toIso } from "../lib/dates";
import { IsoDate } from "../lib/openapi";
import {
  conversationStates,
  conversationStatuses,
  conversationTypes,
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

export const ThreadSchema = z
  .object({
    id: z.number().int(),
    type: z.enum(threadTypes),
    status: z.enum(conversationStatuses),
    state: z.enum(threadStates),
    action: z
      .object({
        type: z.enum(threadActionTypes).nullable(),
        text: z.string().nullable(),
        associatedEntities: z.array(z.unknown()),
      })
      .openapi({ description: "What a lineitem thread records; type and text are null on other threads" }),
    body: z.string().nullable(),
    source: SourceSchema,
    customer: CustomerRefSchema.nullable(),
    createdBy: PersonSchema.nullable(),
    assignedTo: UserRefSchema.nullable(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    bcc: z.array(z.string()),
    createdAt: IsoDate,
    openedAt: IsoDate.nullable(),
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
  threads: z.array(ThreadSchema).optional(),
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
  customer: CustomerRefSchema.nullable(),
  customFields: z.array(CustomFieldValueSchema),
  _embedded: EmbeddedSchema,
};

export const ConversationSchema = z
  .object({ ...conversationFields, threadsCount: z.number().int() })
  .openapi("Conversation");

export const ConversationListItemSchema = z
  .object({ ...conversationFields, threads: z.number().int().openapi({ description: "Number of threads" }) })
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
  return { ...baseFields(row, people, customFields, now), threads: row.threadsCount, _embedded: embedded };
}

export function presentThread(row: ThreadRow, people: People, attachments: Attachment[]): Thread {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    state: row.state,
    action: { type: row.actionType, text: row.actionText, associatedEntities: [] },
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
