import { z } from "@hono/zod-openapi";
import { createCustomer } from "../../../domain/customers/create";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, jsonBody, jsonContent } from "../../../lib/openapi";
import { CustomerSchema, presentCustomer } from "../../../present/customer";
import { createdHeaders, type Handler } from "../types";
import { customerFields, EmailAddress } from "./schemas";

export const CreateCustomerBody = z
  .object({
    ...customerFields,
    emails: z
      .array(z.object({ value: EmailAddress, type: z.string().trim().max(32).optional() }))
      .max(50)
      .optional(),
  })
  .openapi("CreateCustomer");

export const route = defineRoute({
  method: "post",
  path: "/api/customers",
  tags: ["Customers"],
  summary: "Create Customer",
  description:
    "Creates a customer. Emails are unique: when every email of the request already belongs to one customer, nothing is created and that customer is returned (200), its empty fields filled from the request; emails of different customers are a 409.",
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
