/**
 * The outgoing-mail scenario (issue 16): agent replies posted through Create Thread on
 * conversations of the mailbox the `send_email` binding may send from, then timed until the
 * outgoing-mail consumer has settled every one of them (sent through wrangler's simulated
 * binding, or failed). Progress is read from the local D1 file itself (node:sqlite, read
 * only), so polling adds no load to the Worker.
 */
import { readdirSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import type { DatasetSize } from "./dataset.ts";

export interface MailResult {
  messages: number;
  sent: number;
  failed: number;
  other: number;
  /** Seconds the API took to accept (and queue) every reply. */
  queueSeconds: number;
  /** Seconds from the first reply queued to the last one settled by the consumer. */
  settleSeconds: number;
  perSecond: number;
  /** Create Thread requests in flight at once. */
  concurrency: number;
}

/** Conversations of mailbox 1 (the dataset gives it the allowed sender address), published. */
function mailboxOneConversations(size: DatasetSize, count: number): number[] {
  const ids: number[] = [];
  for (let i = size.mailboxes; ids.length < count && i <= size.conversations; i += size.mailboxes) {
    if (i % 50 !== 7 && i % 100 !== 13) ids.push(i);
  }
  return ids;
}

export function openD1(persist: string): DatabaseSync {
  const dir = `${persist}/v3/d1/miniflare-D1DatabaseObject`;
  const file = readdirSync(dir).find((name) => name.endsWith(".sqlite") && name !== "metadata.sqlite");
  if (!file) throw new Error(`no D1 database under ${dir}`);
  return new DatabaseSync(`${dir}/${file}`, { readOnly: true });
}

/** Waits until no reply anywhere is still queued (the write scenarios queue many). */
export async function waitForMailBacklog(persist: string, limitMs = 300_000): Promise<void> {
  const db = openD1(persist);
  const queued = db.prepare("SELECT count(*) AS n FROM threads WHERE mail_status = 'queued'");
  const deadline = Date.now() + limitMs;
  while (Number((queued.get() as { n: number }).n) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  db.close();
}

export async function measureMail(
  base: string,
  key: string,
  persist: string,
  size: DatasetSize,
  count = 600,
  concurrency = 32,
): Promise<MailResult> {
  const conversations = mailboxOneConversations(size, count);
  const threadIds: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < conversations.length) {
        const id = conversations[next++]!;
        const res = await fetch(`${base}/api/conversations/${id}/threads`, {
          method: "POST",
          headers: { "X-FreeScout-API-Key": key, "Content-Type": "application/json" },
          body: JSON.stringify({ type: "message", text: `<p>Benchmark reply to ${id}.</p>`, user: 1 }),
        });
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`Create Thread answered ${res.status}`);
        threadIds.push(Number(res.headers.get("Resource-ID")));
      }
    }),
  );
  const queued = performance.now();
  const db = openD1(persist);
  const statusOf = db.prepare(
    `SELECT coalesce(mail_status, 'none') AS status, count(*) AS n FROM threads WHERE id IN (${threadIds.join(",")}) GROUP BY 1`,
  );
  let counts: Record<string, number> = {};
  const deadline = Date.now() + 300_000;
  for (;;) {
    counts = Object.fromEntries(
      (statusOf.all() as { status: string; n: number }[]).map((row) => [row.status, Number(row.n)]),
    );
    if (!counts.queued || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const settled = performance.now();
  db.close();
  const settleSeconds = (settled - started) / 1000;
  const sent = counts.sent ?? 0;
  const failed = counts.failed ?? 0;
  return {
    messages: threadIds.length,
    sent,
    failed,
    other: threadIds.length - sent - failed,
    queueSeconds: (queued - started) / 1000,
    settleSeconds,
    perSecond: threadIds.length / settleSeconds,
    concurrency,
  };
}
