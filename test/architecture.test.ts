/**
 * The test layout of ARCHITECTURE.md: every endpoint file under src/http/routes has its
 * `.happy.test.ts` beside it. (The import rules are dependency-cruiser's: npm run lint:deps.)
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROUTES = "src/http/routes";
/** Files of the routes folder that declare no endpoint. */
const NOT_ENDPOINTS = new Set(["index.ts", "types.ts", "openapi.ts", "schemas.ts", "context.ts"]);

function endpointFiles(): string[] {
  return readdirSync(ROUTES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(ROUTES, dir.name))
        .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && !NOT_ENDPOINTS.has(name))
        .map((name) => join(ROUTES, dir.name, name)),
    );
}

describe("test layout", () => {
  it("finds the endpoint files", () => {
    expect(endpointFiles().length).toBeGreaterThanOrEqual(35);
  });

  it("has a happy-path test beside every endpoint", () => {
    const missing = endpointFiles().filter((file) => !existsSync(file.replace(/\.ts$/, ".happy.test.ts")));
    expect(missing).toEqual([]);
  });
});
