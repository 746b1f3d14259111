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

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
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
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const parts = value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean);
      if (parts.includes("all")) return [];
      const statuses = conversationStatuses as readonly string[];
      const bad = parts.find((part) => !statuses.includes(part));
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: `Expected one of these: ${statuses.join(", ")}, all` });
        return z.NEVER;
      }
      return parts as (typeof conversationStatuses)[number][];
    })
    .openapi({
      type: "string",
      description: "Comma separated statuses (default active); all for any",
      example: "active,pending",
    }),
  state: z.enum(conversationStates).optional().openapi({ description: "Default: published" }),
  type: z.enum(conversationTypes).optional(),
  assignedTo: z
    .union([z.literal("").transform(() => null), id])
    .optional()
    .openapi({ type: "string", description: "Assignee user id; empty for unassigned conversations" }),
  customerEmail: text.optional(),
  customerPhone: text.optional(),
  customerId: id.optional(),
  number: id.optional(),
  subject: text.optional().openapi({ description: "Text the subject contains" }),
  tag: text.optional(),
  createdByUserId: id.optional(),
  createdByCustomerId: id.optional(),
  createdSince: isoDateTime.optional(),
  updatedSince: isoDateTime.optional(),
  sortField: z.enum(SORT_FIELDS).optional().openapi({ description: "Default: createdAt" }),
  sortOrder: z.enum(["asc", "desc"]).optional().openapi({ description: "Default: desc" }),
  ...pagingQuery,
});

export const route = defineRoute({
  method: "get",
  path: "/api/conversations",
  tags: ["Conversations"],
  summary: "List Conversations",
  description:
    "Filters combine with AND. By default: status active, newest first (sortField=createdAt&sortOrder=desc).",
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
