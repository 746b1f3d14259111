/**
 * The incoming-mail scenario (issue 15): messages posted to `wrangler dev`'s local Email Routing
 * endpoint (/cdn-cgi/handler/email, as `npm run mail -- receive` does), each run by the
 * Worker's email() handler into the dataset, at concurrency 1 and 32 (scripts/bench/load.ts):
 *
 * - new conversations: a sender no customer has yet, a Message-ID nobody stored;
 * - replies: a dataset customer answers the agent's reply of one of their published email
 *   conversations (In-Reply-To and References name the Message-IDs the dataset stored in
 *   `mail_messages`), quoting it as mail clients do.
 *
 * D1 cost: the bench runs the Worker through scripts/bench/worker.js, whose email() counts
 * every message's round trips and rows with the Server-Timing instrument; it is read (and
 * reset) around each load, so the cost is the mean over every message of the scenario, per
 * outcome, and a message that did not come out as expected (created, replied) is an error.
 */
import { benchMessageId, type DatasetSize } from "./dataset.ts";
import { interleavedLoad, type Load, type LoadRequest } from "./load.ts";

/** Answered by scripts/bench/worker.js. */
const STATS_PATH = "/api/__bench/email-stats";

export const INCOMING_SCENARIOS = ["Incoming email (new conversations)", "Incoming email (replies)"] as const;

export interface D1Cost {
  roundTrips: number;
  rowsRead: number;
  rowsWritten: number;
}

export interface IncomingResult {
  name: string;
  /** The outcome each message should have (receiveEmail's). */
  expected: "created" | "replied";
  example: string;
  /** Messages the handler ran, by outcome, over both loads. */
  outcomes: Record<string, number>;
  /** Of those, messages that did not come out as expected. */
  unexpected: number;
  /**
   * Deliveries wrangler dev answered with success, over both loads (the load waits for every
   * answer, so as many as the messages counted). More than the outcomes counted means the
   * Worker was reloaded during the run (wrangler dev restarts it when a source file changes)
   * and its counters started again: the cost is then from fewer messages.
   */
  delivered: number;
  /** Mean D1 cost of a message with the expected outcome when the handler returned. */
  cost: D1Cost;
  /** The same with the work it left in the background (events published) once settled. */
  costWithBackground: D1Cost;
  /** Mean size of a message posted, in bytes. */
  messageBytes: number;
  c1: Load;
  c32: Load;
}

type Summary = Record<string, { messages: number; atReturn: D1Cost; withBackground: D1Cost }>;

export interface Message {
  from: string;
  to: string;
  raw: string;
}

const mailboxAddress = (mailboxId: number) =>
  mailboxId === 1 ? "support@support.example.org" : `mailbox${mailboxId}@bench.example.org`;

const date = (offsetSeconds = 0) => new Date(Date.now() - offsetSeconds * 1000).toUTCString().replace("GMT", "+0000");

function multipart(boundary: string, text: string, html: string) {
  return [
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    text,
    `--${boundary}`,
    "Content-Type: text/html; charset=UTF-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    html,
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

/** Message generators: a new sender each time, or a customer's reply to one of their conversations. */
export function incomingMessages(size: DatasetSize) {
  const run = Date.now().toString(36);
  let sequence = 0;
  const newConversation = (): Message => {
    const n = ++sequence;
    const from = `sender-${run}-${n}@senders.example.net`;
    const to = mailboxAddress(1 + (n % size.mailboxes));
    const boundary = `b-${run}-${n}`;
    const raw = [
      `From: New Sender ${n} <${from}>`,
      `To: ${to}`,
      `Subject: Question about my order ${run}-${n}`,
      `Date: ${date()}`,
      `Message-ID: <new-${run}-${n}@senders.example.net>`,
      multipart(
        boundary,
        `Hello,\r\n\r\nI ordered a lamp last week (order ${n}) and it has not arrived yet. Could you tell me where it is?\r\n\r\nThanks,\r\nNew Sender ${n}`,
        `<div dir=3D"ltr"><p>Hello,</p><p>I ordered a lamp last week (order ${n}) and it has not arrived yet. Could you tell me where it is?</p><p>Thanks,<br>New Sender ${n}</p></div>`,
      ),
    ].join("\r\n");
    return { from, to, raw };
  };
  const reply = (): Message => {
    const n = ++sequence;
    // A published email conversation (the dataset's formulas: every 10th is a phone
    // conversation, i % 50 = 7 a draft, i % 100 = 13 deleted).
    let i = 1 + Math.floor(Math.random() * size.conversations);
    while (i % 10 === 0 || i % 50 === 7 || i % 100 === 13) i = 1 + Math.floor(Math.random() * size.conversations);
    const customer = 1 + ((i * 13) % size.customers);
    const from = `customer${customer}@example.org`;
    const to = mailboxAddress(1 + (i % size.mailboxes));
    const boundary = `r-${run}-${n}`;
    const quoted = `Thanks for writing, we are looking into conversation ${i}.`;
    const raw = [
      `From: Customer Number ${customer} <${from}>`,
      `To: ${to}`,
      `Subject: Re: Conversation ${i}`,
      `Date: ${date()}`,
      `Message-ID: <reply-${run}-${n}@example.org>`,
      `In-Reply-To: <${benchMessageId("out", i)}>`,
      `References: <${benchMessageId("in", i)}> <${benchMessageId("out", i)}>`,
      multipart(
        boundary,
        `Thank you, that helps. One more question about it.\r\n\r\nOn ${date(3600)}, Agent <${to}> wrote:\r\n> ${quoted}\r\n>\r\n> Kind regards`,
        `<div dir=3D"ltr">Thank you, that helps. One more question about it.</div><br><div class=3D"gmail_quote"><div dir=3D"ltr" class=3D"gmail_attr">On ${date(3600)}, Agent &lt;${to}&gt; wrote:<br></div><blockquote class=3D"gmail_quote">${quoted}<br>Kind regards</blockquote></div>`,
      ),
    ].join("\r\n");
    return { from, to, raw };
  };
  return { newConversation, reply };
}

export const request = (message: Message): LoadRequest => ({
  method: "POST",
  path: `/cdn-cgi/handler/email?from=${encodeURIComponent(message.from)}&to=${encodeURIComponent(message.to)}`,
  body: message.raw,
});

async function stats(base: string, reset: boolean): Promise<Summary> {
  const res = await fetch(`${base}${STATS_PATH}`, { method: reset ? "DELETE" : "GET" });
  if (!res.ok)
    throw new Error(`${STATS_PATH} answered ${res.status}: is wrangler dev running scripts/bench/worker.js?`);
  return (await res.json()) as Summary;
}

async function load(
  base: string,
  next: () => Message,
  connections: number,
  duration: number,
): Promise<Load & { delivered: number }> {
  const target = {
    name: "incoming",
    request: () => ({ ...request(next()), headers: { "Content-Type": "message/rfc822" } }),
  };
  const load = (await interleavedLoad(base, [target], { connections, seconds: duration, rounds: 1 })).get("incoming")!;
  return { ...load, delivered: load.requests - load.errors };
}

const perMessage = (total: D1Cost, messages: number): D1Cost => ({
  roundTrips: messages ? total.roundTrips / messages : 0,
  rowsRead: messages ? total.rowsRead / messages : 0,
  rowsWritten: messages ? total.rowsWritten / messages : 0,
});

/** Runs the scenarios whose names pass `selected`. */
export async function measureIncoming(
  base: string,
  size: DatasetSize,
  duration: number,
  selected: (name: string) => boolean,
): Promise<IncomingResult[]> {
  const messages = incomingMessages(size);
  const kinds = [
    { name: INCOMING_SCENARIOS[0], expected: "created", next: messages.newConversation },
    { name: INCOMING_SCENARIOS[1], expected: "replied", next: messages.reply },
  ] as const;
  const results: IncomingResult[] = [];
  for (const { name, expected, next } of kinds.filter((kind) => selected(kind.name))) {
    let bytes = 0;
    let posted = 0;
    const counted = () => {
      const message = next();
      bytes += message.raw.length;
      posted += 1;
      return message;
    };
    // Warm-up (the handler's modules, the statements), not counted.
    const warm = counted();
    await (await fetch(`${base}${request(warm).path}`, { method: "POST", body: warm.raw })).arrayBuffer();
    await stats(base, true);
    const { delivered: delivered1, ...c1 } = await load(base, counted, 1, duration);
    const { delivered: delivered32, ...c32 } = await load(base, counted, 32, duration);
    // Events are published in the background after each message: let the last ones settle.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const summary = await stats(base, true);
    const outcomes = Object.fromEntries(Object.entries(summary).map(([outcome, s]) => [outcome, s.messages]));
    const wanted = summary[expected];
    const unexpected = Object.values(outcomes).reduce((a, b) => a + b, 0) - (wanted?.messages ?? 0);
    results.push({
      name,
      expected,
      example:
        expected === "replied"
          ? "POST /cdn-cgi/handler/email?from=customer<c>@example.org&to=<mailbox> (multipart/alternative, In-Reply-To and References: the conversation's stored Message-IDs, quoted history)"
          : "POST /cdn-cgi/handler/email?from=sender-<n>@senders.example.net&to=<mailbox> (multipart/alternative, a new sender and Message-ID)",
      outcomes,
      unexpected,
      delivered: delivered1 + delivered32,
      cost: perMessage(wanted?.atReturn ?? { roundTrips: 0, rowsRead: 0, rowsWritten: 0 }, wanted?.messages ?? 0),
      costWithBackground: perMessage(
        wanted?.withBackground ?? { roundTrips: 0, rowsRead: 0, rowsWritten: 0 },
        wanted?.messages ?? 0,
      ),
      messageBytes: Math.round(bytes / posted),
      c1,
      c32,
    });
  }
  return results;
}
