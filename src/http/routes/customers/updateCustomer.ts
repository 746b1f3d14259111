import { z } from "@hono/zod-openapi";
import { updateCustomer } from "../../../domain/customers/update";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, idParam, jsonBody } from "../../../lib/openapi";
import type { Handler } from "../types";
import { customerFields, EmailEntry } from "./schemas";

export const UpdateCustomerBody = z
  .object({
    ...customerFields,
    emails: z
      .array(EmailEntry.transform((e) => e.value))
      .max(50)
      .optional()
      .openapi({
        description:
          "Replaces the emails (then emails_add has no effect); an email of another customer moves to this one, a removed email that conversations still use goes to a new blank customer (FreeScout's Customer::syncEmails); [] changes nothing",
      }),
    emails_add: z
      .array(EmailEntry.transform((e) => e.value))
      .max(50)
      .optional()
      .openapi({ description: "Emails to add; those of another customer are skipped" }),
  })
  .openapi("UpdateCustomer");

export const route = defineRoute({
  method: "put",
  path: "/api/customers/{customerId}",
  tags: ["Customers"],
  summary: "Update Customer",
  description:
    "Partial update. phones, socialProfiles and websites replace their lists. Emails as FreeScout's module: see emails and emails_add.",
  request: { params: z.object({ customerId: idParam("customerId") }), body: jsonBody(UpdateCustomerBody) },
  responses: { 204: { description: "Updated" } },
});

export const handler: Handler<typeof route> = async (c) => {
  const { customerId } = c.req.valid("param");
  const result = await updateCustomer(c.var.services, { ...c.req.valid("json"), customerId });
  publishEvents(c.var.services, result.events);
  return c.body(null, 204);
};
