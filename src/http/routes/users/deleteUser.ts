import { z } from "@hono/zod-openapi";
import { deleteUser } from "../../../domain/users";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, idParam } from "../../../lib/openapi";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "delete",
  path: "/api/users/{userId}",
  tags: ["Extensions"],
  summary: "Delete User",
  description:
    "Deletes a user as FreeScout's module does (added in module 1.0.81, not in its API document): the conversations assigned to the user are handed to " +
    "`assignTo[MAILBOX_ID]` in their mailbox (a known, not deleted user), otherwise unassigned and re-filed; each " +
    "gets a line item by `byUserId` and fires `convo.assigned`. The user loses its mailbox access and folders, is " +
    "marked deleted (Get User still shows it) and its email is freed (suffix `_deleted` and the time). All in one " +
    "transaction. 400 when the user is already deleted, when it is the last admin, or when `byUserId` is not an " +
    "active user.",
  request: {
    params: z.object({ userId: idParam("userId") }),
    query: z.object({
      byUserId: z
        .string()
        .optional()
        .openapi({ description: "Required: ID of the user performing the deletion", example: "1" }),
      assignTo: z
        .record(z.string(), z.string())
        .optional()
        .openapi({
          description:
            "New assignee per mailbox, `assignTo[MAILBOX_ID]=USER_ID` (e.g. `assignTo[2]=7`); -1, an unknown or a " +
            "deleted user: unassign",
          param: { style: "deepObject", explode: true },
        }),
    }),
  },
  responses: { 204: { description: "Deleted" } },
});

/** `assignTo[2]=7` pairs of the query string (PHP's array syntax), as mailbox id -> user id. */
function assignments(url: string): Record<number, number> {
  const map: Record<number, number> = {};
  for (const [key, value] of new URL(url).searchParams) {
    const mailbox = /^assignTo\[(\d{1,15})\]$/.exec(key)?.[1];
    const user = Number(value);
    if (mailbox && Number.isSafeInteger(user)) map[Number(mailbox)] = user;
  }
  return map;
}

const idOrNull = (value: string | undefined) => {
  const id = Number(value);
  return value && /^\d{1,15}$/.test(value.trim()) && Number.isSafeInteger(id) ? id : null;
};

export const handler: Handler<typeof route> = async (c) => {
  const { userId } = c.req.valid("param");
  const result = await deleteUser(c.var.services, {
    userId,
    byUserId: idOrNull(c.req.valid("query").byUserId),
    assignTo: assignments(c.req.url),
  });
  publishEvents(c.var.services, result.events);
  return c.body(null, 204);
};
