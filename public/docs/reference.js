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

// Scalar's key field shows a made-up key as its placeholder, which reads like a key already
// filled in. Replace it with a hint, whenever Scalar (re)draws the field.
const SCALAR_PLACEHOLDER = "QUxMIFlPVVIgQkFTRSBBUkUgQkVMT05HIFRPIFVT";
const KEY_HINT = "Paste your API key (npm run api-key -- create)";
function replaceKeyPlaceholder(root) {
  for (const name of ["placeholder", "aria-placeholder"]) {
    for (const element of root.querySelectorAll(`[${name}="${SCALAR_PLACEHOLDER}"]`))
      element.setAttribute(name, KEY_HINT);
  }
  for (const element of root.querySelectorAll(".cm-placeholder")) {
    if (element.textContent === SCALAR_PLACEHOLDER) element.textContent = KEY_HINT;
  }
}
new MutationObserver(() => replaceKeyPlaceholder(document)).observe(document.getElementById("app"), {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ["placeholder", "aria-placeholder"],
});
