import { createCustomerField } from "../../../domain/customerFields";
import { FieldDefinitionBody } from "../../../lib/customFieldInput";
import { defineRoute, jsonBody, jsonContent } from "../../../lib/openapi";
import { CustomFieldSchema, presentCustomField } from "../../../present/mailbox";
import { createdHeaders, type Handler } from "../types";

export const route = defineRoute({
  method: "post",
  path: "/api/customer_fields",
  tags: ["Extensions"],
  summary: "Create Customer Field (extension)",
  description: "Defines a customer field (Customer Fields module) that Update Customer Fields can then set.",
  request: { body: jsonBody(FieldDefinitionBody) },
  responses: { 201: jsonContent(CustomFieldSchema, "The created customer field") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { field } = await createCustomerField(c.var.services, c.req.valid("json"));
  return c.json(presentCustomField(field), 201, createdHeaders(c.req.url, "/api/customer_fields", field.id));
};
