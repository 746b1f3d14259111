import { z } from "@hono/zod-openapi";
import { listConversations, SORT_FIELDS } from "../../../domain/conversations/list";
import { embedSet } from "../../../domain/conversations/load";
import { paging } from "../../../domain/paging";
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
  sortField: knownOrIgnored(SORT_FIELDS, "Default: createdAt"),
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

export const handler: Handler<typeof route> = async (c) => {
  const { embed, sortField, sortOrder, page: _page, pageSize: _size, ...filters } = c.req.valid("query");
  const page = paging(c.req.valid("query"), c.var.config.maxPageSize);
  const { items, total } = await listConversations(c.var.services, {
    filters,
    sort: { field: sortField ?? "createdAt", order: sortOrder ?? "desc" },
    embed: embedSet(embed, []),
    page,
  });
  return c.json(pageEnvelope("conversations", items, total, page), 200);
};
