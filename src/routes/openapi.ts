/** Top-level fields of the generated OpenAPI 3.1 document served at /api/openapi.json. */
export const openApiInfo = {
  openapi: "3.1.0",
  info: {
    title: "FreeScout-compatible Help Desk API",
    version: "1.0.0",
    description:
      "FreeScout's \"API & Webhooks\" REST API on Cloudflare Workers. Operations tagged " +
      "`Extensions` are not in FreeScout's document; they exist because this deployment has no admin UI.",
  },
  tags: [
    { name: "Conversations" },
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
