/**
 * The whole help-desk domain in D1. Times are UNIX seconds (UTC); emails are stored
 * lower-cased so look-ups and uniqueness are case-insensitive and index-backed.
 * Lists that nothing filters on (cc, bcc, social profiles, websites, options) are JSON text.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  apiKeyScopes,
  type ContactEntry,
  conversationStates,
  conversationStatuses,
  conversationTypes,
  customFieldTypes,
  erasureModes,
  type FieldOptions,
  type FolderTypeValue,
  type MailFlags,
  mailDirections,
  mailStatuses,
  photoTypes,
  replyFrom,
  threadActionTypes,
  threadStates,
  threadTypes,
  userRoles,
  userStatuses,
  type WebhookEvent,
} from "../lib/vocabulary";

/** The digits of customer_phones.value (separators removed); migration 0006 declares the same. */
const PHONE_DIGITS = `replace(replace(replace(replace(replace(replace(replace(replace("value", ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), '/', ''), char(9), '')`;

const id = () => integer("id").primaryKey({ autoIncrement: true });
const createdAt = () => integer("created_at").notNull();
const updatedAt = () => integer("updated_at").notNull();
const json = <T>(name: string) => text(name, { mode: "json" }).$type<T>();

export const users = sqliteTable(
  "users",
  {
    id: id(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash"),
    role: text("role", { enum: userRoles }).notNull().default("user"),
    alternateEmails: text("alternate_emails"),
    jobTitle: text("job_title"),
    phone: text("phone"),
    timezone: text("timezone").notNull().default("UTC"),
    photoUrl: text("photo_url"),
    language: text("language").notNull().default("en"),
    /** Delete User sets 'deleted' and frees the email (FreeScout keeps the row too). */
    status: text("status", { enum: userStatuses }).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_role_status_idx").on(t.role, t.status)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: id(),
    name: text("name").notNull(),
    /** Hex SHA-256 of the key; the key itself is never stored. */
    keyHash: text("key_hash").notNull(),
    /** 'read': reads only (migration 0016). */
    scope: text("scope", { enum: apiKeyScopes }).notNull().default("full"),
    /** Mailbox ids the key is limited to; null: every mailbox. */
    mailboxes: json<number[] | null>("mailboxes"),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("api_keys_hash_unique").on(t.keyHash)],
);

export const mailboxes = sqliteTable(
  "mailboxes",
  {
    id: id(),
    name: text("name").notNull(),
    /** The primary address, lower-cased. */
    email: text("email").notNull(),
    /** Further addresses of the mailbox, lower-cased; each also a row of `mailbox_aliases`. */
    aliases: json<string[]>("aliases").notNull().default([]),
    /** The name outgoing mail is sent from; null: the mailbox name. */
    fromName: text("from_name"),
    autoReplyEnabled: integer("auto_reply_enabled", { mode: "boolean" }).notNull().default(false),
    autoReplySubject: text("auto_reply_subject"),
    autoReplyBody: text("auto_reply_body"),
    /** HTML appended to agents' replies. */
    signature: text("signature"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("mailboxes_email_unique").on(t.email)],
);

/** One row per mailbox alias: routing finds a recipient by index; an address has one mailbox. */
export const mailboxAliases = sqliteTable(
  "mailbox_aliases",
  {
    address: text("address").primaryKey(),
    mailboxId: integer("mailbox_id")
      .notNull()
      .references(() => mailboxes.id, { onDelete: "cascade" }),
  },
  (t) => [index("mailbox_aliases_mailbox_idx").on(t.mailboxId)],
);

export const mailboxUsers = sqliteTable(
  "mailbox_users",
  {
    mailboxId: integer("mailbox_id")
      .notNull()
      .references(() => mailboxes.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.userId] }), index("mailbox_users_user_idx").on(t.userId, t.mailboxId)],
);

export const folders = sqliteTable(
  "folders",
  {
    id: id(),
    mailboxId: integer("mailbox_id")
      .notNull()
      .references(() => mailboxes.id, { onDelete: "cascade" }),
    /** Set only for per-user folders (Mine, Starred). */
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    type: integer("type").$type<FolderTypeValue>().notNull(),
    totalCount: integer("total_count").notNull().default(0),
    activeCount: integer("active_count").notNull().default(0),
    meta: json<Record<string, unknown>>("meta"),
  },
  (t) => [
    uniqueIndex("folders_public_unique").on(t.mailboxId, t.type).where(sql`${t.userId} IS NULL`),
    uniqueIndex("folders_personal_unique").on(t.mailboxId, t.type, t.userId).where(sql`${t.userId} IS NOT NULL`),
    index("folders_user_idx").on(t.userId),
    index("folders_type_user_idx").on(t.type, t.userId),
  ],
);

export const customers = sqliteTable(
  "customers",
  {
    id: id(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    company: text("company"),
    jobTitle: text("job_title"),
    photoType: text("photo_type", { enum: photoTypes }),
    photoUrl: text("photo_url"),
    notes: text("notes"),
    addressCity: text("address_city"),
    addressState: text("address_state"),
    addressZip: text("address_zip"),
    addressCountry: text("address_country"),
    addressLine: text("address_line"),
    socialProfiles: json<ContactEntry[]>("social_profiles").notNull().default([]),
    websites: json<ContactEntry[]>("websites").notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("customers_created_idx").on(t.createdAt),
    index("customers_updated_idx").on(t.updatedAt),
    index("customers_first_name_idx").on(t.firstName),
    index("customers_last_name_idx").on(t.lastName),
    // List Customers' name filters are case-insensitive.
    index("customers_first_name_nocase_idx").on(sql`${t.firstName} COLLATE NOCASE`),
    index("customers_last_name_nocase_idx").on(sql`${t.lastName} COLLATE NOCASE`),
  ],
);

export const customerEmails = sqliteTable(
  "customer_emails",
  {
    id: id(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    type: text("type").notNull().default("work"),
    /** The part after the '@', for List Customers' emailDomain (migration 0013; its trigram index customer_emails_fts serves emailContains). */
    domain: text("domain").generatedAlwaysAs(sql`substr("email", instr("email", '@') + 1)`, { mode: "virtual" }),
  },
  (t) => [
    uniqueIndex("customer_emails_email_unique").on(t.email),
    index("customer_emails_customer_idx").on(t.customerId),
    index("customer_emails_domain_idx").on(t.domain, t.customerId),
  ],
);

export const customerPhones = sqliteTable(
  "customer_phones",
  {
    id: id(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    value: text("value").notNull(),
    type: text("type").notNull().default("work"),
    /** The value without separators, for List Customers' digits substring match. */
    digits: text("digits").generatedAlwaysAs(sql.raw(PHONE_DIGITS), { mode: "virtual" }),
  },
  (t) => [
    index("customer_phones_value_idx").on(t.value),
    index("customer_phones_customer_idx").on(t.customerId),
    index("customer_phones_digits_idx").on(t.digits, t.customerId),
  ],
);

export const customerFields = sqliteTable("customer_fields", {
  id: id(),
  name: text("name").notNull(),
  type: text("type", { enum: customFieldTypes }).notNull(),
  options: json<FieldOptions>("options"),
  required: integer("required", { mode: "boolean" }).notNull().default(false),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const customerFieldValues = sqliteTable(
  "customer_field_values",
  {
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    fieldId: integer("field_id")
      .notNull()
      .references(() => customerFields.id, { onDelete: "cascade" }),
    value: text("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.fieldId] }),
    // List Customers' customerField[ID]=value (case-insensitive).
    index("customer_field_values_field_value_idx").on(t.fieldId, sql`${t.value} COLLATE NOCASE`, t.customerId),
  ],
);

export const conversations = sqliteTable(
  "conversations",
  {
    id: id(),
    number: integer("number").notNull(),
    type: text("type", { enum: conversationTypes }).notNull(),
    status: text("status", { enum: conversationStatuses }).notNull(),
    state: text("state", { enum: conversationStates }).notNull(),
    folderId: integer("folder_id").notNull(),
    mailboxId: integer("mailbox_id")
      .notNull()
      .references(() => mailboxes.id),
    assigneeId: integer("assignee_id").references(() => users.id),
    customerId: integer("customer_id").references(() => customers.id),
    /** The customer's main email at the time, as FreeScout keeps it for look-ups. */
    customerEmail: text("customer_email"),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdByCustomerId: integer("created_by_customer_id").references(() => customers.id),
    sourceVia: text("source_via", { enum: replyFrom }).notNull(),
    sourceType: text("source_type").notNull(),
    subject: text("subject").notNull(),
    preview: text("preview").notNull().default(""),
    cc: json<string[]>("cc").notNull().default([]),
    bcc: json<string[]>("bcc").notNull().default([]),
    threadsCount: integer("threads_count").notNull().default(0),
    /** Mailbox custom field values, field id -> value: shown with every conversation; filters read conversation_field_values. */
    customFields: json<Record<string, string>>("custom_fields").notNull().default({}),
    closedByUserId: integer("closed_by_user_id").references(() => users.id),
    closedAt: integer("closed_at"),
    userUpdatedAt: integer("user_updated_at"),
    lastReplyAt: integer("last_reply_at"),
    lastReplyFrom: text("last_reply_from", { enum: replyFrom }),
    imported: integer("imported", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("conversations_number_unique").on(t.number),
    index("conversations_mailbox_status_created_idx").on(t.mailboxId, t.status, t.createdAt),
    index("conversations_status_created_idx").on(t.status, t.createdAt),
    index("conversations_mailbox_created_idx").on(t.mailboxId, t.createdAt),
    index("conversations_assignee_created_idx").on(t.assigneeId, t.createdAt),
    index("conversations_mailbox_assignee_created_idx").on(t.mailboxId, t.assigneeId, t.createdAt),
    index("conversations_status_updated_idx").on(t.status, t.updatedAt),
    index("conversations_status_waiting_idx").on(t.status, t.lastReplyAt),
    index("conversations_folder_created_idx").on(t.folderId, t.createdAt),
    index("conversations_assignee_status_created_idx").on(t.assigneeId, t.status, t.createdAt),
    index("conversations_mailbox_assignee_status_created_idx").on(t.mailboxId, t.assigneeId, t.status, t.createdAt),
    index("conversations_customer_idx").on(t.customerId, t.createdAt),
    index("conversations_customer_email_idx").on(t.customerEmail),
    index("conversations_created_by_user_idx").on(t.createdByUserId),
    index("conversations_created_by_customer_idx").on(t.createdByCustomerId),
    index("conversations_created_idx").on(t.createdAt),
    index("conversations_updated_idx").on(t.updatedAt),
    index("conversations_last_reply_idx").on(t.lastReplyAt),
    index("conversations_subject_idx").on(t.subject),
    index("conversations_mailbox_number_idx").on(t.mailboxId, t.number),
  ],
);

export const threads = sqliteTable(
  "threads",
  {
    id: id(),
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    type: text("type", { enum: threadTypes }).notNull(),
    /** The conversation's status when this thread was written. */
    status: text("status", { enum: conversationStatuses }).notNull(),
    state: text("state", { enum: threadStates }).notNull().default("published"),
    actionType: text("action_type", { enum: threadActionTypes }),
    actionText: text("action_text"),
    body: text("body"),
    sourceVia: text("source_via", { enum: replyFrom }).notNull(),
    sourceType: text("source_type").notNull(),
    customerId: integer("customer_id").references(() => customers.id),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdByCustomerId: integer("created_by_customer_id").references(() => customers.id),
    assignedToUserId: integer("assigned_to_user_id").references(() => users.id),
    to: json<string[]>("to").notNull().default([]),
    cc: json<string[]>("cc").notNull().default([]),
    bcc: json<string[]>("bcc").notNull().default([]),
    imported: integer("imported", { mode: "boolean" }).notNull().default(false),
    openedAt: integer("opened_at"),
    /** Outgoing mail state of this thread; 'bounced' also when a bounce of it came in. */
    mailStatus: text("mail_status", { enum: mailStatuses }),
    mailError: text("mail_error"),
    /** The mail provider's id of the sent message. */
    mailProviderId: text("mail_provider_id"),
    mailSentAt: integer("mail_sent_at"),
    /** What an incoming message said about itself (auto-reply, bulk, bounce) and what was dropped. */
    mailFlags: json<MailFlags>("mail_flags"),
    /** The last change through Update Thread or Delete Thread (migration 0010); its history is thread_edits. */
    editedAt: integer("edited_at"),
    editedByUserId: integer("edited_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("threads_conversation_created_idx").on(t.conversationId, t.createdAt, t.id),
    index("threads_customer_idx").on(t.customerId),
    index("threads_created_by_customer_idx").on(t.createdByCustomerId).where(sql`${t.createdByCustomerId} IS NOT NULL`),
  ],
);

/** What each change of a thread replaced (migration 0010); their number is the thread's version. */
export const threadEdits = sqliteTable(
  "thread_edits",
  {
    id: id(),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    editedByUserId: integer("edited_by_user_id").references(() => users.id),
    /** The text the change replaced; null when the text did not change (hidden or shown). */
    previousBody: text("previous_body"),
    previousState: text("previous_state", { enum: threadStates }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("thread_edits_thread_idx").on(t.threadId)],
);

export const attachments = sqliteTable(
  "attachments",
  {
    id: id(),
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    mimeType: text("mime_type").notNull(),
    size: integer("size").notNull(),
    /** Object key in the ATTACHMENTS bucket: random, never derived from user input. */
    r2Key: text("r2_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("attachments_thread_idx").on(t.threadId),
    index("attachments_conversation_idx").on(t.conversationId),
    uniqueIndex("attachments_r2_key_unique").on(t.r2Key),
  ],
);

export const tags = sqliteTable(
  "tags",
  {
    id: id(),
    name: text("name").notNull(),
    counter: integer("counter").notNull().default(0),
    color: integer("color").notNull().default(0),
  },
  (t) => [uniqueIndex("tags_name_unique").on(t.name)],
);

export const conversationTags = sqliteTable(
  "conversation_tags",
  {
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    /** The conversation's created_at, kept by triggers (migration 0018): a tag's page in order from an index. */
    createdAt: integer("created_at").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.tagId] }),
    index("conversation_tags_tag_idx").on(t.tagId, t.conversationId),
    index("conversation_tags_tag_created_idx").on(t.tagId, t.createdAt, t.conversationId),
  ],
);

/** Custom field values of conversations (field -> value -> conversations), kept in step with `custom_fields` by triggers (migrations/0012). */
export const conversationFieldValues = sqliteTable(
  "conversation_field_values",
  {
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    fieldId: integer("field_id").notNull(),
    value: text("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.fieldId] }),
    index("conversation_field_values_lookup_idx").on(t.fieldId, t.value, t.conversationId),
  ],
);

export const customFields = sqliteTable(
  "custom_fields",
  {
    id: id(),
    mailboxId: integer("mailbox_id")
      .notNull()
      .references(() => mailboxes.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    type: text("type", { enum: customFieldTypes }).notNull(),
    options: json<FieldOptions>("options"),
    required: integer("required", { mode: "boolean" }).notNull().default(false),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [index("custom_fields_mailbox_idx").on(t.mailboxId, t.sortOrder)],
);

export const timelogs = sqliteTable(
  "timelogs",
  {
    id: id(),
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    conversationStatus: text("conversation_status", { enum: conversationStatuses }).notNull(),
    /** Seconds. */
    timeSpent: integer("time_spent").notNull().default(0),
    paused: integer("paused", { mode: "boolean" }).notNull().default(false),
    finished: integer("finished", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("timelogs_conversation_created_idx").on(t.conversationId, t.createdAt, t.id)],
);

/** One row per email message received ('in') or sent ('out'): threading and duplicate delivery. */
export const mailMessages = sqliteTable(
  "mail_messages",
  {
    id: id(),
    mailboxId: integer("mailbox_id")
      .notNull()
      .references(() => mailboxes.id, { onDelete: "cascade" }),
    /** RFC 5322 Message-ID without angle brackets, lower-cased. */
    messageId: text("message_id").notNull(),
    direction: text("direction", { enum: mailDirections }).notNull(),
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    threadId: integer("thread_id").references(() => threads.id, { onDelete: "set null" }),
    /** Key of the raw incoming message in the MAIL bucket until the retention sweep; null for outgoing. */
    rawR2Key: text("raw_r2_key"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mail_messages_mailbox_message_unique").on(t.mailboxId, t.messageId),
    index("mail_messages_message_idx").on(t.messageId),
    index("mail_messages_conversation_idx").on(t.conversationId),
    index("mail_messages_thread_idx").on(t.threadId),
    index("mail_messages_raw_created_idx").on(t.createdAt).where(sql`${t.rawR2Key} IS NOT NULL`),
  ],
);

/**
 * Delete Customer's erasures (migration 0011): no personal data, so a retried request is
 * answered from it and the cron finishes an interrupted one.
 */
export const customerErasures = sqliteTable(
  "customer_erasures",
  {
    customerId: integer("customer_id").primaryKey(),
    mode: text("mode", { enum: erasureModes }).notNull(),
    byUserId: integer("by_user_id"),
    requestedAt: integer("requested_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("customer_erasures_unfinished_idx").on(t.requestedAt).where(sql`${t.finishedAt} IS NULL`)],
);

/** The last auto-reply per mailbox and customer, for the auto-reply window. */
export const autoReplies = sqliteTable(
  "auto_replies",
  {
    mailboxId: integer("mailbox_id")
      .notNull()
      .references(() => mailboxes.id, { onDelete: "cascade" }),
    customerEmail: text("customer_email").notNull(),
    sentAt: integer("sent_at").notNull(),
    /** The conversation the auto-reply answered (its claim: a retry of it may go on). */
    conversationId: integer("conversation_id"),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.customerEmail] })],
);

export const webhooks = sqliteTable("webhooks", {
  id: id(),
  url: text("url").notNull(),
  events: json<WebhookEvent[]>("events").notNull(),
  /** Mailbox ids whose conversations' events it gets; empty: every mailbox (migration 0015). */
  mailboxes: json<number[]>("mailboxes").notNull().default([]),
  /** Its own signing secret, sealed (AES-GCM) with a key derived from WEBHOOK_SECRET; null: the installation's. */
  sealedSecret: text("sealed_secret"),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  disabledReason: text("disabled_reason"),
  disabledAt: integer("disabled_at"),
  /** Failed attempts since the last success, and when that run began. */
  failureStreak: integer("failure_streak").notNull().default(0),
  failingSince: integer("failing_since"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: id(),
    /** No foreign key: the log outlives a deleted webhook until the retention sweep. */
    webhookId: integer("webhook_id").notNull(),
    /** Stable across retries, sent to receivers for de-duplication. */
    deliveryId: text("delivery_id").notNull(),
    event: text("event").notNull(),
    attempt: integer("attempt").notNull(),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms"),
    error: text("error"),
    deadLettered: integer("dead_lettered", { mode: "boolean" }).notNull().default(false),
    /** The body sent, kept on a first attempt so the delivery can be sent again (or its R2 key when large). */
    body: text("body"),
    bodyKey: text("body_key"),
    /** When a dead-lettered delivery was queued again. */
    redeliveredAt: integer("redelivered_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.createdAt),
    index("webhook_deliveries_created_idx").on(t.createdAt),
    index("webhook_deliveries_delivery_idx").on(t.deliveryId),
    index("webhook_deliveries_dead_letters_idx").on(t.webhookId, t.deadLettered, t.redeliveredAt),
  ],
);

/** Idempotency-Key (migration 0014): a claim, then the first answer, per API key and key, for 24 hours. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    apiKeyId: integer("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** Hex SHA-256 of method, path, query and body. */
    fingerprint: text("fingerprint").notNull(),
    state: text("state", { enum: ["in_progress", "done"] })
      .notNull()
      .default("in_progress"),
    responseStatus: integer("response_status"),
    /** JSON object of the answer's meaningful headers (content-type, Location, Resource-ID). */
    responseHeaders: json<Record<string, string>>("response_headers"),
    responseBody: text("response_body"),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index("idempotency_keys_expires_idx").on(t.expiresAt)],
);

/**
 * List Conversations' totals (migration 0017): conversations per mailbox, assignee (0:
 * unassigned), status and state, and per tag the same; kept by triggers.
 */
export const conversationCounts = sqliteTable(
  "conversation_counts",
  {
    mailboxId: integer("mailbox_id").notNull(),
    assigneeId: integer("assignee_id").notNull(),
    status: text("status", { enum: conversationStatuses }).notNull(),
    state: text("state", { enum: conversationStates }).notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.assigneeId, t.status, t.state] })],
);

export const tagCounts = sqliteTable(
  "tag_counts",
  {
    tagId: integer("tag_id").notNull(),
    mailboxId: integer("mailbox_id").notNull(),
    status: text("status", { enum: conversationStatuses }).notNull(),
    state: text("state", { enum: conversationStates }).notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tagId, t.mailboxId, t.status, t.state] })],
);

/**
 * The users' version (migration 0019): one row whose token triggers replace with a random one
 * on every change to `users`, so an isolate's copy of the users (src/db/userDirectory.ts)
 * knows in one row read whether it is current.
 */
export const usersVersion = sqliteTable("users_version", {
  id: integer("id").primaryKey(),
  token: text("token").notNull(),
});
