/**
 * The API reference at /api/docs in headless Chromium against `wrangler dev`: it renders the
 * operations from /api/openapi.json with nothing fetched from other hosts, and "try it" sends
 * the key typed into the page and shows the answer.
 */
import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, startLocalServer } from "./server";

const DEMO_KEY = "c2ba609c687a3425402b9d881e5075db";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const VISIBLE = { state: "visible", timeout: 60_000 } as const;
const SCALAR_PLACEHOLDER = "QUxMIFlPVVIgQkFTRSBBUkUgQkVMT05HIFRPIFVT";

/** Without a browser the suite says what to install instead of failing in the launcher. */
function chromiumPath(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  throw new Error(
    `Chromium not found at ${CHROMIUM}. Install it (Debian/Ubuntu: sudo apt-get install chromium; ` +
      "macOS: brew install --cask chromium) or point CHROMIUM_PATH at a Chromium or Chrome binary.",
  );
}

describe("API reference page", () => {
  let server: LocalServer;
  let browser: Browser;
  let page: Page;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const executablePath = chromiumPath();
    server = await startLocalServer();
    browser = await chromium.launch({ executablePath });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("request", (request) => {
      if (!/^(data|blob):/.test(request.url()) && new URL(request.url()).origin !== server.origin) {
        foreignRequests.push(request.url());
      }
    });
    page.on("pageerror", (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("is public, offline and lists the operations", async () => {
    const response = await page.goto(`${server.origin}/api/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
    await page.getByText("List Conversations").first().waitFor(VISIBLE);
    await page.getByText("Create Conversation").first().waitFor(VISIBLE);
    await page.getByRole("button", { name: "Open Group - Users" }).click();
    await page.getByText("Create User", { exact: true }).first().waitFor(VISIBLE);
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("tries List Users with the key typed into the page and shows the users", async () => {
    const html = await page.content();
    expect(html).not.toContain(SCALAR_PLACEHOLDER);
    expect(html).toContain("Paste your API key");
    await page.getByRole("textbox").first().fill(DEMO_KEY);
    await page.getByText("List Users", { exact: true }).first().click();
    await page.getByRole("button", { name: /Test Request\s*\(get \/api\/users\)/ }).click();
    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/api/users", { timeout: 60_000 }),
      page.getByRole("button", { name: /^Send/ }).first().click(),
    ]);
    expect(answer.request().headers()["x-freescout-api-key"]).toBe(DEMO_KEY);
    expect(answer.status()).toBe(200);
    const body = await answer.json();
    expect(body._embedded.users.length).toBeGreaterThan(0);
    await page.getByText("200 OK").first().waitFor(VISIBLE);
    await page.getByText(body._embedded.users[0].email).first().waitFor(VISIBLE);
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/api-docs-try-list-users.png" });
    expect(foreignRequests).toEqual([]);
  });
});
