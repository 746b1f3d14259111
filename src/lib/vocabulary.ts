/**
 * The words of FreeScout's API that storage, the domain and the HTTP schemas share: statuses,
 * types, folder numbers, webhook events. Values only; no layer of its own.
 */
export const userRoles = ["user", "admin"] as const;
/** A deleted user keeps its row (conversations point at it); FreeScout's STATUS_DELETED. */
export const userStatuses = ["active", "deleted"] as const;

/** FreeScout's folder type numbers; they are what responses show in `type`. */
export const FolderType = {
  Unassigned: 1,
  Mine: 20,
  Starred: 25,
  Drafts: 30,
  Assigned: 40,
  Closed: 60,
  Deleted: 70,
  Spam: 80,
} as const;
export type FolderTypeValue = (typeof FolderType)[keyof typeof FolderType];

export const photoTypes = [
  "unknown",
  "gravatar",
  "twitter",
  "facebook",
  "googleprofile",
  "googleplus",
  "linkedin",
] as const;

export type ContactEntry = { value: string; type?: string };

export const customFieldTypes = ["singleline", "multiline", "dropdown", "date", "number"] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];
/** Dropdown options: option id -> label. */
export type FieldOptions = Record<string, string>;

export const conversationTypes = ["email", "phone", "chat", "custom"] as const;
export const conversationStatuses = ["active", "pending", "closed", "spam"] as const;
export const conversationStates = ["draft", "published", "deleted"] as const;
export type ConversationType = (typeof conversationTypes)[number];
export type ConversationStatus = (typeof conversationStatuses)[number];
export type ConversationState = (typeof conversationStates)[number];
export const replyFrom = ["customer", "user"] as const;

export const threadTypes = ["customer", "message", "note", "lineitem", "chat", "phone"] as const;
export const threadStates = ["draft", "published", "hidden", "review"] as const;
export const threadActionTypes = [
  "changed-ticket-status",
  "changed-ticket-assignee",
  "moved-from-mailbox",
  "merged",
  "imported",
  "imported-external",
  "changed-ticket-customer",
  "deleted-ticket",
  "restored-ticket",
] as const;
export type ThreadType = (typeof threadTypes)[number];
export type ThreadState = (typeof threadStates)[number];

/** Email: direction of a stored message, mail state of a thread, what an incoming message said about itself. */
export const mailDirections = ["in", "out"] as const;
export const mailStatuses = ["queued", "sent", "failed", "bounced", "not_sent"] as const;
export type MailDirection = (typeof mailDirections)[number];
export type MailStatus = (typeof mailStatuses)[number];
export interface DroppedAttachment {
  fileName: string;
  mimeType: string;
  size: number;
  reason: string;
}
export interface MailFlags {
  /** The Auto-Submitted value, or "auto-replied" for X-Autoreply / X-Autorespond and the like. */
  autoSubmitted?: string;
  /** Precedence bulk/list/junk or a List-Id/List-Unsubscribe header. */
  bulk?: true;
  /** A delivery status notification (multipart/report) or a mailer-daemon message. */
  bounce?: true;
  /** Attachments not stored (over the limits), recorded so nothing is silently lost. */
  dropped?: DroppedAttachment[];
}

export const freescoutWebhookEvents = [
  "convo.assigned",
  "convo.created",
  "convo.deleted",
  "convo.deleted_forever",
  "convo.restored",
  "convo.moved",
  "convo.status",
  "convo.customer.reply.created",
  "convo.agent.reply.created",
  "convo.note.created",
  "customer.created",
  "customer.updated",
] as const;

/** Events that are not FreeScout's: a webhook gets them only if it names them. */
export const extensionWebhookEvents = [
  "convo.updated",
  "convo.tags",
  "convo.custom_fields",
  "convo.thread.updated",
  "convo.thread.deleted",
  "convo.mail.failed",
  "customer.deleted",
] as const;

export const subscribableEvents = [...freescoutWebhookEvents, ...extensionWebhookEvents] as const;
export type WebhookEvent = (typeof subscribableEvents)[number];

/** Sent by POST /api/webhooks/{id}/ping to that webhook only, whatever it subscribes to. */
export const PING_EVENT = "webhook.ping";
export type DeliveredEvent = WebhookEvent | typeof PING_EVENT;

/** Delete Customer: the customer's conversations are deleted with it, or kept without its personal data. */
export const erasureModes = ["delete", "keep"] as const;
export type ErasureMode = (typeof erasureModes)[number];

/** FreeScout core's email and phone types (app/Email.php, app/Customer.php); any other value is work. */
export const emailTypes = ["work", "home", "other"] as const;
export const phoneTypes = ["work", "home", "mobile", "fax", "pager", "other"] as const;

/** What an API key may do (extension): everything, or read only. */
export const apiKeyScopes = ["full", "read"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];
