import { z } from "@hono/zod-openapi";
import { listMailboxes } from "../../../domain/mailboxes";
import { paging } from "../../../domain/paging";
import { defineRoute, jsonContent, PageSchema, pagingQuery } from "../../../lib/openapi";
import { MailboxSchema, presentMailbox } from "../../../present/mailbox";
import { pageEnvelope } from "../../../present/page";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/mailboxes",
  tags: ["Mailboxes"],
  summary: "List Mailboxes",
  description: "Mailboxes sorted by id. An API key limited to some mailboxes (extension) lists only those.",
  request: {
    query: z.object({
      userId: z.coerce.number().int().optional().openapi({
        description:
          "Only mailboxes this user can access; an admin, or an unknown user, sees every mailbox (as FreeScout)",
      }),
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
  const only = c.var.access.mailboxes;
  const page = await listMailboxes(c.var.services, { ...query, only }, paging(query, c.var.config.maxPageSize));
  return c.json(pageEnvelope("mailboxes", page.rows.map(presentMailbox), page.total, page.paging), 200);
};
