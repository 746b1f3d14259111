/** The guarded writes: a change computed from a thread as it was read never lands on a thread changed since. */
import { env } from "cloudflare:test";
import { resetToDemoData } from "@test/support/db";
import { testServices } from "@test/support/services";
import { beforeEach, describe, expect, it } from "vitest";
import { editThread } from "./edit";
import { readThread } from "./reads";
import { writeChange, writeDelete } from "./write";

beforeEach(resetToDemoData);

const target = { conversationId: 1, threadId: 4 };
const row = () => env.DB.prepare("SELECT body, state FROM threads WHERE id = 4").first();
const editCount = () => env.DB.prepare("SELECT count(*) AS n FROM thread_edits WHERE thread_id = 4").first("n");
const threadsCount = () => env.DB.prepare("SELECT threads_count AS n FROM conversations WHERE id = 1").first("n");

describe("thread writes", () => {
  it("an edit from a stale read writes nothing and says so", async () => {
    const services = testServices();
    const stale = await readThread(services.db, target, 1);
    await editThread(services, { ...target, text: "Meanwhile", byUserId: 7 });
    const outcome = { body: "Late edit", state: "published" as const };
    const written = await writeChange(services, target, stale, { outcome, byUserId: 1, answer: true });
    expect(written).toBeNull();
    expect(await row()).toEqual({ body: "Meanwhile", state: "published" });
    expect(await editCount()).toBe(1);
  });

  it("a delete from a stale read deletes nothing: the thread was hidden meanwhile", async () => {
    const services = testServices();
    const stale = await readThread(services.db, target, undefined);
    await editThread(services, { ...target, hidden: true, byUserId: 7 });
    expect(await writeDelete(services, target, stale)).toBe(false);
    expect(await row()).toMatchObject({ state: "hidden" });
    expect(await threadsCount()).toBe(4);
  });

  it("a delete from a stale read deletes nothing: a thread was added meanwhile", async () => {
    const services = testServices();
    const stale = await readThread(services.db, target, undefined);
    await env.DB.prepare("UPDATE conversations SET threads_count = threads_count + 1 WHERE id = 1").run();
    expect(await writeDelete(services, target, stale)).toBe(false);
    expect(await row()).not.toBeNull();
  });

  it("the preview is not moved when a newer reply arrived within the batch's reach", async () => {
    const services = testServices();
    const stale = await readThread(services.db, { conversationId: 1, threadId: 5 }, 1);
    // A newer customer reply lands between the read and the write: the preview is its text.
    await env.DB.prepare(
      `INSERT INTO threads (conversation_id, type, status, state, body, source_via, source_type, created_at, updated_at)
       VALUES (1, 'customer', 'active', 'published', 'Newest words', 'customer', 'email', 1700000000, 1700000000)`,
    ).run();
    await env.DB.prepare("UPDATE conversations SET preview = 'Newest words' WHERE id = 1").run();
    const outcome = { body: "Thank you very much!", state: "hidden" as const };
    const written = await writeChange(services, { conversationId: 1, threadId: 5 }, stale, {
      outcome,
      byUserId: 1,
      answer: true,
    });
    expect(written?.thread?.state).toBe("hidden");
    expect(await env.DB.prepare("SELECT preview FROM conversations WHERE id = 1").first("preview")).toBe(
      "Newest words",
    );
  });
});
