import { z } from "@hono/zod-openapi";
import { and, asc, eq, isNull, or, type SQL } from "drizzle-orm";
import { folders, mailboxes } from "../../../db/schema";
import { paging } from "../../../domain/paging";
import { pageEnvelope } from "../../../present/page";
import { notFound } from "../../../lib/errors";
import { defineRoute, idParam, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { FolderSchema, presentFolder } from "../../../present/mailbox";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/mailboxes/{mailboxId}/folders",
  tags: ["Mailboxes"],
  summary: "List Mailbox Folders",
  description:
    "Public folders and personal (Mine, Starred) folders with their counters, ordered by folder type. " +
    "With `userId`, the public folders and that user's personal folders.",
  request: {
    params: z.object({ mailboxId: idParam("mailboxId") }),
    query: z.object({
      userId: z.coerce.number().int().optional().openapi({ description: "Folders belonging to this user" }),
      folderId: z.coerce.number().int().optional().openapi({ description: "Only this folder" }),
      ...pagingQuery,
    }),
  },
  responses: {
    200: jsonContent(
      z.object({ _embedded: z.object({ folders: z.array(FolderSchema) }), page: PageSchema }),
      "Folders",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const { mailboxId } = c.req.valid("param");
  const query = c.req.valid("query");
  const page = paging(query, c.var.config.maxPageSize);
  const filters: (SQL | undefined)[] = [eq(folders.mailboxId, mailboxId)];
  if (query.userId !== undefined) filters.push(or(isNull(folders.userId), eq(folders.userId, query.userId)));
  if (query.folderId !== undefined) filters.push(eq(folders.id, query.folderId));
  const db = c.var.db;
  const [mailbox, rows] = await db.batch([
    db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, mailboxId)),
    db
      .select()
      .from(folders)
      .where(and(...filters))
      .orderBy(asc(folders.type), asc(folders.userId), asc(folders.id)),
  ]);
  if (!mailbox[0]) throw notFound("mailboxId", mailboxId);
  const items = rows.slice(page.offset, page.offset + page.size).map(presentFolder);
  return c.json(pageEnvelope("folders", items, rows.length, page), 200);
};
