import { customerFields } from "../../../db/schema";
import { FieldDefinitionBody, normalizeOptions } from "../../../lib/customFieldInput";
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
  const input = c.req.valid("json");
  const [row] = await c.var.db
    .insert(customerFields)
    .values({ ...input, options: normalizeOptions(input.options) })
    .returning();
  return c.json(presentCustomField(row!), 201, createdHeaders(c.req.url, "/api/customer_fields", row!.id));
};
