import { z } from "@hono/zod-openapi";
import { asc, count, eq, inArray } from "drizzle-orm";
import { mailboxes, mailboxUsers } from "../../../db/schema";
import { paging } from "../../../domain/paging";
import { pageEnvelope } from "../../../present/page";
import { defineRoute, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { MailboxSchema, presentMailbox } from "../../../present/mailbox";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/mailboxes",
  tags: ["Mailboxes"],
  summary: "List Mailboxes",
  description: "Mailboxes sorted by id.",
  request: {
    query: z.object({
      userId: z.coerce.number().int().optional().openapi({ description: "Only mailboxes this user can access" }),
      ...pagingQuery,
    }),
  },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ mailboxes: z.array(MailboxSchema) }), page: PageSchema }),
      "Mailboxes",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const query = c.req.valid("query");
  const page = paging(query, c.var.config.maxPageSize);
  const db = c.var.db;
  const where =
    query.userId === undefined
      ? undefined
      : inArray(
          mailboxes.id,
          db.select({ id: mailboxUsers.mailboxId }).from(mailboxUsers).where(eq(mailboxUsers.userId, query.userId)),
        );
  const [rows, [total]] = await db.batch([
    db.select().from(mailboxes).where(where).orderBy(asc(mailboxes.id)).limit(page.size).offset(page.offset),
    db.select({ n: count() }).from(mailboxes).where(where),
  ]);
  return c.json(pageEnvelope("mailboxes", rows.map(presentMailbox), total?.n ?? 0, page), 200);
};
