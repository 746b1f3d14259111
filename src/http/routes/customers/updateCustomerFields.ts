import { z } from "@hono/zod-openapi";
import { updateCustomerFields } from "../../../domain/customers/fields";
import { publishEvents } from "../../../domain/webhooks/publish";
import { defineRoute, idParam, jsonBody } from "../../../lib/openapi";
import { CustomFieldsInput } from "../conversations/schemas";
import type { Handler } from "../types";

export const UpdateCustomerFieldsBody = z
  .object({
    customerFields: CustomFieldsInput.openapi({
      description: "Values to set; a dropdown takes the option id; an empty value clears the field",
    }),
  })
  .openapi("UpdateCustomerFields");

export const route = defineRoute({
  method: "put",
  path: "/api/customers/{customerId}/customer_fields",
  tags: ["Customers"],
  summary: "Update Customer Fields",
  request: { params: z.object({ customerId: idParam("customerId") }), body: jsonBody(UpdateCustomerFieldsBody) },
  responses: { 204: { description: "Values set" } },
});

export const handler: Handler<typeof route> = async (c) => {
  const { customerId } = c.req.valid("param");
  const values = c.req.valid("json").customerFields;
  const result = await updateCustomerFields(c.var.services, { customerId, values });
  publishEvents(c.var.services, result.events);
  return c.body(null, 204);
};
