// Scalar API reference for this deployment's OpenAPI document: requests go to this origin,
// with the API key the reader types into the X-FreeScout-API-Key header. Nothing is loaded
// from other hosts (no fonts, telemetry, proxy or AI agent).
Scalar.createApiReference("#app", {
  url: "/api/openapi.json",
  servers: [{ url: window.location.origin, description: "This server" }],
  authentication: { preferredSecurityScheme: "apiKeyHeader" },
  persistAuth: false,
  withDefaultFonts: false,
  telemetry: false,
  showDeveloperTools: "never",
  agent: { disabled: true },
  mcp: { disabled: true },
});
