import { z } from "@hono/zod-openapi";
import { createApiKey } from "../../../domain/apiKeys";
import { defineRoute, jsonBody, jsonContent } from "../../../lib/openapi";
import { apiKeyScopes } from "../../../lib/vocabulary";
import { ApiKeySchema, presentApiKey } from "../../../present/apiKey";
import { createdHeaders, type Handler } from "../types";

export const CreateApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: "n8n (read only)" }),
    scope: z.enum(apiKeyScopes).default("full").openapi({ description: "full (default) or read: reads only" }),
    mailboxes: z
      .array(z.coerce.number().int().positive())
      .max(100)
      .nullable()
      .optional()
      .openapi({ description: "Limit the key to these mailboxes; absent, null or empty: every mailbox", example: [1] }),
  })
  .openapi("CreateApiKey");

export const route = defineRoute({
  method: "post",
  path: "/api/api-keys",
  tags: ["Extensions"],
  summary: "Create API Key (extension)",
  description:
    "Only a full key (not read-only, not limited to mailboxes) may manage keys. The new key is answered once, as `key`; only its SHA-256 is stored. A read-only key is refused every write (403); a key limited to mailboxes sees nothing of other mailboxes (their conversations and mailboxes answer 404, writes to them 403, lists leave them out) and may not make installation-wide changes (webhooks, API keys, users, mailboxes, customer fields, customer erasure). `npm run api-key -- create --read-only --mailboxes 1,2` does the same from the command line.",
  request: { body: jsonBody(CreateApiKeyBody) },
  responses: {
    201: jsonContent(
      ApiKeySchema.extend({ key: z.string().openapi({ description: "The key, shown only now" }) }).openapi(
        "ApiKeyWithSecret",
      ),
      "The new key",
    ),
  },
});

export const handler: Handler<typeof route> = async (c) => {
  const { apiKey, key } = await createApiKey(c.var.services, c.req.valid("json"));
  return c.json({ ...presentApiKey(apiKey), key }, 201, createdHeaders(c.req.url, "/api/api-keys", apiKey.id));
};
