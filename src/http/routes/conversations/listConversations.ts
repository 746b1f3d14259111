import { z } from "@hono/zod-openapi";
import { listConversations, SORT_FIELDS } from "../../../domain/conversations/list";
import { embedSet } from "../../../domain/conversations/load";
import type { CustomFieldFilter } from "../../../domain/conversations/search/customFields";
import { paging } from "../../../domain/paging";
import { badRequest, type ErrorEntry } from "../../../lib/errors";
import {
  commaList,
  defineRoute,
  filterText,
  isoDateTime,
  jsonContent,
  PageSchema,
  pagingQuery,
} from "../../../lib/openapi";
import { conversationStates, conversationStatuses, conversationTypes } from "../../../lib/vocabulary";
import { ConversationListItemSchema } from "../../../present/conversation";
import { pageEnvelope } from "../../../present/page";
import { bracketedQuery } from "../../bracketedQuery";
import type { Handler } from "../types";
import { EmbedQuery } from "./getConversation";

/** An id filter as FreeScout applies it: empty is no filter, and a value that is no id matches nothing. */
const id = z
  .string()
  .transform((value) => {
    const trimmed = value.trim();
    if (trimmed === "") return undefined;
    return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : 0;
  })
  .openapi({ type: "integer" });

/** A person filter: empty means nobody (IS NULL), as FreeScout compares it. */
const personId = (what: string) =>
  z
    .string()
    .transform((value) => {
      const trimmed = value.trim();
      if (trimmed === "") return null;
      return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : 0;
    })
    .openapi({ type: "string", description: `${what} id; empty for none. A value that is no id matches nothing` });

/** A filter or sort value FreeScout knows, else no filter at all (the module ignores unknown values). */
const knownOrIgnored = <const T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .string()
    .transform((value): T[number] | undefined =>
      (values as readonly string[]).includes(value) ? (value as T[number]) : undefined,
    )
    .optional()
    .openapi({
      type: "string",
      enum: [...values],
      description: `${what}; an unknown value is ignored, as FreeScout ignores it`,
    });
const text = filterText(255);

const MAX_QUERY = 1000;
const MAX_FIELD_FILTERS = 10;
const MAX_FIELD_VALUE = 255;

const QUERY_DESCRIPTION = `Extension: search with a small language (README, "Search"). Terms side by side must all match (AND); \`OR\`, \`NOT\` and parentheses combine them (operators in capitals; NOT binds tightest, then AND, then OR).
- \`word\` or \`"a phrase"\`: in the subject or the text of any published thread (not line items, hidden or draft threads); whole words, case and accents ignored (\`cafe\` finds "Café").
- \`subject:word\`, \`body:"a phrase"\`: only in the subject, only in thread text.
- \`email:ann@example.org\`: the conversation's customer email. \`tag:vip\`: a tag.
- \`status:active\` (pending, closed, spam), \`mailbox:1\`, \`assigned:7\` or \`assigned:none\`.
- \`customField:3:Gold\`: a mailbox custom field's value, as \`customField[ID]\` compares it.

A value with spaces is quoted (\`tag:"needs reply"\`); inside quotes \\" is a quote and \\\\ a backslash. At most 20 terms, 16 levels of nesting, ${MAX_QUERY} characters. Combined with the other filters by AND. With text terms every result matches and no sortField, results come best match first (bm25; subject words weigh more), sortOrder aside. A query that cannot be read is a 400 naming the position (from 1) of the problem.`;

export const ListConversationsQuery = z.object({
  embed: EmbedQuery.optional(),
  mailboxId: commaList(
    z
      .string()
      .regex(/^\d{1,15}$/, "Expected mailbox ids")
      .transform(Number),
  )
    .optional()
    .openapi({ type: "string", description: "One or more mailbox ids, comma separated", example: "1,2" }),
  folderId: id.optional(),
  status: z
    .string()
    .optional()
    .transform((value) => {
      if (value === undefined) return undefined;
      const statuses = conversationStatuses as readonly string[];
      // Unknown statuses are dropped (FreeScout); none left, or "all", means every status.
      return value
        .split(",")
        .map((part) => part.trim())
        .filter((part): part is (typeof conversationStatuses)[number] => statuses.includes(part));
    })
    .openapi({
      type: "string",
      description:
        "Comma separated statuses: active, pending, closed, spam. Default: every status, as FreeScout's module lists (all, or only unknown values, mean the same)",
      example: "active,pending",
    }),
  state: knownOrIgnored(conversationStates, "draft, published or deleted. Default: every state"),
  type: knownOrIgnored(conversationTypes, "Conversation type"),
  assignedTo: personId("Assignee user").optional(),
  customerEmail: text.optional(),
  customerPhone: text.optional(),
  customerId: id.optional(),
  number: id.optional(),
  subject: text.optional().openapi({ description: "Text the subject contains" }),
  tag: text.optional(),
  createdByUserId: personId("Creating user").optional(),
  createdByCustomerId: personId("Creating customer").optional(),
  createdSince: isoDateTime.optional(),
  updatedSince: isoDateTime.optional(),
  query: filterText(MAX_QUERY)
    .transform((value) => (value.trim() === "" ? undefined : value))
    .optional()
    .openapi({ description: QUERY_DESCRIPTION, example: 'refund "credit card" tag:vip NOT status:closed' }),
  customField: z
    .record(z.string(), z.string())
    .optional()
    .openapi({
      description: `Extension: \`customField[ID]=value\`, conversations whose mailbox custom field ID has this value. Compared as text, surrounding spaces ignored; a dropdown field by option id or by label (any letter case); a date field by day (YYYY-MM-DD) or by a range FROM..TO (both days included; either end may be left out: \`2026-01-01..\`). Several combine with AND (at most ${MAX_FIELD_FILTERS}); an empty value is ignored. An unknown field id, a value a dropdown has no option for, or a date that is not one is a 400 naming \`customField[ID]\`.`,
      param: { style: "deepObject", explode: true },
    }),
  sortField: knownOrIgnored(SORT_FIELDS, "Default: createdAt; with a text `query`, relevance"),
  sortOrder: knownOrIgnored(["asc", "desc"], "Default: desc"),
  ...pagingQuery,
});

export const route = defineRoute({
  method: "get",
  path: "/api/conversations",
  tags: ["Conversations"],
  summary: "List Conversations",
  description:
    "Filters combine with AND. By default, as FreeScout's module: every status and state, newest first (sortField=createdAt&sortOrder=desc). createdSince and updatedSince include the given second.",
  request: { query: ListConversationsQuery },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ conversations: z.array(ConversationListItemSchema) }), page: PageSchema }),
      "A page of conversations",
    ),
  },
});

const fieldValue = filterText(MAX_FIELD_VALUE);

/** `customField[ID]=value` pairs, checked; every bad one is named at once. */
function customFieldFilters(url: string): CustomFieldFilter[] | undefined {
  const filters: CustomFieldFilter[] = [];
  const errors: ErrorEntry[] = [];
  for (const [key, raw] of bracketedQuery(url, "customField")) {
    const path = `customField[${key}]`;
    const value = fieldValue.safeParse(raw.trim());
    if (!/^\d{1,15}$/.test(key)) {
      errors.push({ path, message: "The key must be a custom field id", rejectedValue: key, source: "QUERY" });
    } else if (!value.success) {
      errors.push({ path, message: value.error.issues[0]!.message, source: "QUERY" });
    } else if (value.data !== "") {
      filters.push({ fieldId: Number(key), value: value.data });
    }
  }
  if (filters.length > MAX_FIELD_FILTERS) {
    errors.push({ path: "customField", message: `At most ${MAX_FIELD_FILTERS} custom fields`, source: "QUERY" });
  }
  if (errors.length > 0) throw badRequest(...errors);
  return filters.length > 0 ? filters : undefined;
}

export const handler: Handler<typeof route> = async (c) => {
  const {
    embed,
    sortField,
    sortOrder,
    page: _page,
    pageSize: _size,
    customField: _documentedOnly,
    ...filters
  } = c.req.valid("query");
  const page = paging(c.req.valid("query"), c.var.config.maxPageSize);
  const { items, total } = await listConversations(c.var.services, {
    filters: {
      ...filters,
      mailboxId: withinKeyScope(filters.mailboxId, c.var.access.mailboxes),
      customFields: customFieldFilters(c.req.url),
    },
    sort: { field: sortField, order: sortOrder ?? "desc" },
    embed: embedSet(embed, []),
    page,
  });
  return c.json(pageEnvelope("conversations", items, total, page), 200);
};

/** An API key limited to mailboxes (extension) lists only theirs: the asked mailboxes within them, or all of them. */
function withinKeyScope(asked: number[] | undefined, allowed: number[] | null): number[] | undefined {
  if (allowed === null) return asked;
  if (!asked?.length) return allowed;
  const kept = asked.filter((id) => allowed.includes(id));
  return kept.length ? kept : [0]; // no mailbox has id 0: an empty page
}
