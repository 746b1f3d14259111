import { env } from "cloudflare:test";
import { resetToDemoData } from "@test/support/db";
import { testServices } from "@test/support/services";
import { beforeEach, describe, expect, it } from "vitest";
import { deliver, storedAs } from "../../../../test/mail/support";
import { pruneRawMail } from "./retention";

beforeEach(resetToDemoData);

const DAY = 86_400_000;

describe("raw message retention", () => {
  it("deletes raw messages older than the retention and forgets their keys; newer ones stay", async () => {
    const raw =
      "From: a@example.com\nTo: support@support.example.org\nSubject: s\nMessage-ID: <keep@example.com>\n\nx\n";
    await deliver(raw);
    const kept = await storedAs("keep@example.com");
    await env.ATTACHMENTS.put("mail/raw/2020-01-01T00/old.eml", "old");
    await env.DB.prepare(
      "INSERT INTO mail_messages (mailbox_id, message_id, direction, conversation_id, raw_r2_key, created_at) VALUES (1, 'old@example.com', 'in', ?, 'mail/raw/2020-01-01T00/old.eml', 1577836800)",
    )
      .bind(kept!.conversationId)
      .run();
    const services = testServices();
    const result = await pruneRawMail(services, Date.now());
    expect(result.deleted).toBe(1);
    expect(await env.ATTACHMENTS.head("mail/raw/2020-01-01T00/old.eml")).toBeNull();
    expect(await env.ATTACHMENTS.head(kept!.rawKey!)).not.toBeNull();
    expect((await storedAs("old@example.com"))!.rawKey).toBeNull();
    expect((await storedAs("keep@example.com"))!.rawKey).toBe(kept!.rawKey);
    // 31 days later the default 30-day retention removes the new one too.
    expect((await pruneRawMail(services, Date.now() + 31 * DAY)).deleted).toBe(1);
  });
});
