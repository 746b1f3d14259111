import { z } from "@hono/zod-openapi";
import { readCustomer } from "../../../domain/customers/load";
import { notFound } from "../../../lib/errors";
import { defineRoute, idParam, jsonContent } from "../../../lib/openapi";
import { CustomerSchema, presentCustomer } from "../../../present/customer";
import type { Handler } from "../types";

export const route = defineRoute({
  method: "get",
  path: "/api/customers/{customerId}",
  tags: ["Customers"],
  summary: "Get Customer",
  request: { params: z.object({ customerId: idParam("customerId") }) },
  responses: { 200: jsonContent(CustomerSchema, "The customer") },
});

export const handler: Handler<typeof route> = async (c) => {
  const { customerId } = c.req.valid("param");
  const customer = await readCustomer(c.var.services, customerId);
  if (!customer) throw notFound("customerId", customerId);
  return c.json(presentCustomer(customer), 200);
};
