import { z } from "@hono/zod-openapi";
import { continueErasure, eraseCustomer } from "../../../domain/customers/erase";
import { publish } from "../../../domain/publish";
import { defineRoute, idParam, jsonContent } from "../../../lib/openapi";
import { erasureModes } from "../../../lib/vocabulary";
import { CustomerErasureSchema, presentErasure } from "../../../present/customerErasure";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "delete",
  path: "/api/customers/{customerId}",
  tags: ["Extensions"],
  summary: "Delete Customer (extension)",
  description:
    "Erases the customer (GDPR right to erasure; FreeScout's API module has no such endpoint). The customer's row, " +
    "emails, phones, social profiles, websites, customer field values and auto-reply records are deleted.\n\n" +
    "`conversations=delete`: the conversations whose customer it is are deleted forever, as Delete Conversation " +
    "does (threads, attachments and their files, tags, timelogs, stored email messages and raw emails, edit " +
    "history); no `convo.deleted_forever` is sent for them.\n\n" +
    "`conversations=keep` (default): they stay without the customer's personal data. They lose the link to the " +
    "customer (`customer` null) and its addresses in `cc`/`bcc` and in the threads' `to`/`cc`/`bcc`. The " +
    'customer\'s own messages stay as threads (who wrote what, when) but their text is blanked (`body` "") and ' +
    "their attachments, raw emails and edit history are deleted: what the person wrote is their personal data. " +
    "The text that stays (subject, preview, agents' replies and notes, line items, mail errors) has the " +
    "customer's emails and phone numbers, and its names as whole words, replaced by `[erased]`. Conversations " +
    "of other customers the customer wrote in get the same treatment; other customers' conversations that only " +
    "mention the customer (in `cc` or text) are not searched.\n\n" +
    "Large customers are erased in steps of 100 conversations: 204 when the erasure is finished, 202 with the " +
    "erasure's record while it goes on in the background (the hourly cron finishes an interrupted one). Asking " +
    "again for an erased or erasing customer answers the same way (the first request's `conversations` holds); " +
    "an id that is neither is 404. `customer.deleted` is sent to the webhooks that subscribe to it when the " +
    'erasure finishes, with `{ "id", "erasedAt", "conversations": "deleted" | "kept" }` only.',
  request: {
    params: z.object({ customerId: idParam("customerId") }),
    query: z.object({
      conversations: z
        .enum(erasureModes)
        .optional()
        .openapi({ description: "What happens to the customer's conversations (default `keep`)", example: "keep" }),
      byUserId: z
        .string()
        .regex(/^\d{1,15}$/, "Must be a user id")
        .optional()
        .openapi({ description: "The user asking for the erasure (recorded with it); an active user", example: "1" }),
    }),
  },
  responses: {
    202: jsonContent(CustomerErasureSchema, "Erasure started or still running; it goes on in the background"),
    204: { description: "Erased" },
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const { customerId } = c.req.valid("param");
  const query = c.req.valid("query");
  const { services } = c.var;
  const result = await eraseCustomer(services, {
    customerId,
    mode: query.conversations ?? "keep",
    byUserId: query.byUserId === undefined ? null : Number(query.byUserId),
  });
  publish(services, result);
  if (result.finished) return c.body(null, 204);
  services.background(
    continueErasure(services, customerId)
      .then((rest) => rest && publish(services, rest))
      .catch((error) => console.error(`customer erasure ${customerId} paused; the hourly cron carries on`, error)),
  );
  return c.json(presentErasure(result.erasure), 202);
};
