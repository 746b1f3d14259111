import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";

/** The three ways FreeScout accepts the API key. */
export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>) {
  const registry = app.openAPIRegistry;
  registry.registerComponent("securitySchemes", "apiKeyHeader", {
    type: "apiKey",
    in: "header",
    name: "X-FreeScout-API-Key",
  });
  registry.registerComponent("securitySchemes", "apiKeyQuery", { type: "apiKey", in: "query", name: "api_key" });
  registry.registerComponent("securitySchemes", "basicAuth", {
    type: "http",
    scheme: "basic",
    description: "The API key as the user name; any password.",
  });
}

/** Top-level fields of the generated OpenAPI 3.1 document served at /api/openapi.json. */
export const openApiInfo = {
  openapi: "3.1.0",
  info: {
    title: "FreeScout-compatible Help Desk API",
    version: "1.0.0",
    description:
      'FreeScout\'s "API & Webhooks" REST API on Cloudflare Workers. Operations tagged ' +
      "`Extensions` are not in FreeScout's document; they exist because this deployment has no admin UI.",
  },
  tags: [
    { name: "Conversations" },
    { name: "Custom Fields" },
    { name: "Customers" },
    { name: "Mailboxes" },
    { name: "Tags" },
    { name: "Threads" },
    { name: "Timelogs" },
    { name: "Users" },
    { name: "Webhooks" },
    { name: "Extensions", description: "Not in FreeScout's API document." },
  ],
};
