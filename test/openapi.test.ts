import { describe, expect, it } from "vitest";
import { get } from "./support/api";

describe("OpenAPI document", () => {
  it("is served without a key as OpenAPI 3.1 with every route, the auth schemes and the error envelope", async () => {
    const res = await get("/api/openapi.json", { key: null });
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["apiKeyHeader", "apiKeyQuery", "basicAuth"]);
    expect(doc.components.schemas.Error.properties).toHaveProperty("_embedded");
    expect(doc.paths["/api/users/{userId}"].get.summary).toBe("Get User");
    expect(doc.paths["/api/mailboxes"].post.tags).toEqual(["Extensions"]);
    for (const [path, item] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.responses, `${method} ${path}`).toHaveProperty("401");
      }
    }
  });
});
