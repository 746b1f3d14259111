import { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { mailboxes } from "../../../db/schema";
import { isUniqueViolation } from "../../../db/sql";
import { nowSeconds } from "../../../lib/dates";
import { conflict, notFound } from "../../../lib/errors";
import { defineRoute, idParam, jsonBody } from "../../../lib/openapi";
import type { Handler } from "../types";
import { MailboxBody } from "./createMailbox";

export const route = defineRoute({
  method: "put",
  path: "/api/mailboxes/{mailboxId}",
  tags: ["Extensions"],
  summary: "Update Mailbox (extension)",
  request: {
    params: z.object({ mailboxId: idParam("mailboxId") }),
    body: jsonBody(MailboxBody.partial().openapi("MailboxUpdate")),
  },
  responses: { 204: { description: "Updated" } },
});

export const handler: Handler<typeof route> = async (c) => {
  const { mailboxId } = c.req.valid("param");
  const input = c.req.valid("json");
  try {
    const updated = await c.var.db
      .update(mailboxes)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.email !== undefined && { email: input.email.toLowerCase() }),
        updatedAt: nowSeconds(),
      })
      .where(eq(mailboxes.id, mailboxId))
      .returning({ id: mailboxes.id });
    if (updated.length === 0) throw notFound("mailboxId", mailboxId);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("email", "A mailbox with this email already exists", input.email);
    throw error;
  }
  return c.body(null, 204);
};
