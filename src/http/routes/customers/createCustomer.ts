import { z } from "@hono/zod-openapi";
import { createCustomer } from "../../../domain/customers/create";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, jsonBody, jsonContent } from "../../../lib/openapi";
import { CustomerSchema, presentCustomer } from "../../../present/customer";
import { createdHeaders, type Handler } from "../types";
import { customerFields, EmailAddress, EmailEntry } from "./schemas";

export const CreateCustomerBody = z
  .object({
    ...customerFields,
    emails: z.array(EmailEntry).max(50).optional(),
    email: EmailAddress.optional().openapi({ description: "One more email (work), as FreeScout's module takes it" }),
  })
  .openapi("CreateCustomer");

export const route = defineRoute({
  method: "post",
  path: "/api/customers",
  tags: ["Customers"],
  summary: "Create Customer",
  description:
    "Creates a customer. Emails are unique: when every email of the request already belongs to one customer, nothing is created and that customer is returned unchanged (200: the document's create-or-get); when they belong to different customers, 409. Emails already taken are left out of a new customer (as FreeScout's module).",
  request: { body: jsonBody(CreateCustomerBody) },
  responses: {
    201: jsonContent(CustomerSchema, "The created customer"),
    200: jsonContent(CustomerSchema, "The existing customer with these emails"),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const result = await createCustomer(c.var.services, c.req.valid("json"));
  publishEvents(c.var.services, result.events);
  const customer = presentCustomer(result.customer);
  return c.json(customer, result.created ? 201 : 200, createdHeaders(c.req.url, "/api/customers", result.id));
};
