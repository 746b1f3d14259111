import { z } from "@hono/zod-openapi";
import { listFolders } from "../../../domain/mailboxes";
import { paging } from "../../../domain/paging";
import { defineRoute, idParam, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { FolderSchema, presentFolder } from "../../../present/mailbox";
import { pageEnvelope } from "../../../present/page";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/mailboxes/{mailboxId}/folders",
  tags: ["Mailboxes"],
  summary: "List Mailbox Folders",
  description:
    "Public folders and personal (Mine, Starred) folders with their counters, ordered by folder type. " +
    "With `userId`, the public folders and that user's personal folders (as the API document's example shows them).",
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
  const page = await listFolders(c.var.services, { mailboxId, ...query }, paging(query, c.var.config.maxPageSize));
  return c.json(pageEnvelope("folders", page.rows.map(presentFolder), page.total, page.paging), 200);
};
