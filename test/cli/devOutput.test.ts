/**
 * `npm run dev` shows one banner instead of wrangler's start-up output (bindings tables,
 * Request.cf warnings, reload notices), and keeps request logs and errors. The fixture is
 * wrangler dev's output from a start, a reload and two requests.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createDevFilter, DEMO_KEY } from "../../scripts/devOutput";

const output = readFileSync(resolve(import.meta.dirname, "fixtures/wrangler-dev-output.txt"), "utf8").split("\n");

describe("npm run dev output", () => {
  it("is one banner, then the requests and errors", () => {
    const filter = createDevFilter();
    const shown: string[] = [];
    let banners = 0;
    for (const line of output) {
      const result = filter(line);
      if (result.kind === "banner") {
        banners += 1;
        shown.push(...result.lines);
      }
      if (result.kind === "show") shown.push(result.line);
    }
    expect(banners).toBe(1);
    expect(shown.filter((line) => line.trim() !== "")).toEqual([
      expect.stringContaining("FreeScout-compatible API on http://localhost:8899"),
      expect.stringMatching(new RegExp(`API\\s+http://localhost:8899/api\\s+demo key ${DEMO_KEY}`)),
      expect.stringMatching(/Reference\s+http:\/\/localhost:8899\/api\/docs/),
      expect.stringContaining("curl -s http://localhost:8899/api/conversations/1"),
      expect.stringContaining("Webhooks"),
      expect.stringContaining("Email"),
      "GET /api/ping 500 Internal Server Error (33ms)",
      expect.stringContaining("✘ [ERROR] Unhandled error GET /api/ping DrizzleQueryError"),
      "GET /api/conversations/1 200 OK (12ms)",
      "✘ [ERROR] Unhandled error GET /api/ping Error: boom",
    ]);
    expect(shown.join("\n")).toContain("--reset");
  });

  it("shows each simulated outgoing email: our summary, then from, to, subject and its files", () => {
    const filter = createDevFilter();
    const lines = [
      'mail sent (reply, conversation 1, thread 8): from Sam via Demo Mailbox <support@support.example.org> to rodney@example.org, "Re: Refund", provider id <a1@support.example.org>',
      "QUEUE freescout-mail 1/1 (40ms)",
      "\x1b[34msend_email binding called with MessageBuilder:\x1b[39m",
      'From: "Sam via Demo Mailbox" <support@support.example.org>',
      "To: rodney@example.org",
      "Subject: Re: Refund",
      "",
      "Text: /work/.wrangler/tmp/email/miniflare-1/email-text/a1@support.example.org.txt",
      "HTML: /work/.wrangler/tmp/email/miniflare-1/email-html/a1@support.example.org.html",
    ];
    const shown = lines.map(filter).flatMap((result) => (result.kind === "show" ? [result.line] : []));
    expect(shown).toEqual([
      lines[0],
      lines[1],
      "send_email binding called with MessageBuilder:",
      ...lines.slice(3, 6),
      ...lines.slice(7),
    ]);
  });
});
