/**
 * Outgoing email inside workerd: which threads send, the built message, delivery status
 * through the API, retries and the dead letter, auto-replies and their loop guards, and the
 * round trip through the incoming handler. The consumer runs on batches made here, over the
 * real local bindings; the sender is wrangler's simulated `send_email` binding (EMAIL),
 * wrapped to record what it was given (or replaced by one that fails, for the failures).
 */
import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { testServices } from "@test/support/services";
import { beforeEach, describe, expect, it } from "vitest";
import { addThread } from "../../src/domain/conversations/addThread";
import { createConversation } from "../../src/domain/conversations/create";
import { receiveEmail } from "../../src/domain/mail/incoming/receive";
import { parseOutgoingMessageId } from "../../src/domain/mail/messageId";
import type { OutgoingMail } from "../../src/domain/mail/outgoing/message";
import { NO_BINDING } from "../../src/domain/mail/outgoing/plan";
import { enqueueMail } from "../../src/domain/mail/outgoing/publish";
import worker from "../../src/index";
import { handleMailBatch, MAIL_QUEUE_NAME } from "../../src/queues/outgoingMail";
import type { Services } from "../../src/services";

const MAILBOX = "support@support.example.org";
const CUSTOMER = "carla.customer@example.com";

interface Sent {
  message: EmailMessageBuilder;
  messageId: string;
}

/** The simulated EMAIL binding, recording each message it took; or one failing with `error`. */
function mailer(error?: string) {
  const sent: Sent[] = [];
  let calls = 0;
  const binding = {
    send: async (message: EmailMessageBuilder) => {
      calls++;
      if (error) throw new Error(error);
      const result = await env.EMAIL.send(message);
      sent.push({ message, messageId: result.messageId });
      return result;
    },
  } as unknown as SendEmail;
  return { binding, sent, calls: () => calls };
}

function services(patch: Partial<Services> = {}) {
  return { ...testServices(), ...patch } as Services & { settle(): Promise<void> };
}

/** Runs the consumer on `mail` at attempt `attempts`; reports what it acked and retried. */
async function consume(svc: Services, mail: OutgoingMail[], attempts = 1) {
  const batch = createMessageBatch<OutgoingMail>(
    "freescout-mail",
    mail.map((body) => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts, body })),
  );
  const acked: OutgoingMail[] = [];
  const retried: { mail: OutgoingMail; delaySeconds?: number }[] = [];
  for (const message of batch.messages) {
    Object.assign(message, {
      ack: () => acked.push(message.body),
      retry: (options?: QueueRetryOptions) => retried.push({ mail: message.body, delaySeconds: options?.delaySeconds }),
    });
  }
  await handleMailBatch(batch, svc);
  return { acked, retried };
}

async function threadRow(id: number) {
  return env.DB.prepare(
    "SELECT mail_status AS status, mail_error AS error, mail_provider_id AS providerId, mail_sent_at AS sentAt FROM threads WHERE id = ?",
  )
    .bind(id)
    .first<{ status: string | null; error: string | null; providerId: string | null; sentAt: number | null }>();
}

async function lineItems(conversationId: number) {
  const { results } = await env.DB.prepare(
    "SELECT action_text AS text FROM threads WHERE conversation_id = ? AND type = 'lineitem' ORDER BY id",
  )
    .bind(conversationId)
    .all<{ text: string }>();
  return results.map((r) => r.text);
}

/** A conversation started by the customer, as the API would create it. */
async function customerConversation(svc: Services, subject = "Printer on fire") {
  const created = await createConversation(svc, {
    type: "email",
    mailboxId: 1,
    subject,
    customer: { email: CUSTOMER, firstName: "Carla", lastName: "Customer" },
    threads: [{ type: "customer", text: "<p>My printer is <b>on fire</b>.</p>", customer: { email: CUSTOMER } }],
  });
  return created.id;
}

function raw(lines: Record<string, string>, body = "Hello, I need help.") {
  const head = Object.entries(lines)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n");
  return new TextEncoder().encode(
    `${head}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
  );
}

beforeEach(async () => {
  await resetToDemoData();
});

describe("which threads send", () => {
  it("an agent's published reply is queued in its own write; notes, customer threads, drafts and imported ones send nothing", async () => {
    const svc = services({ mailer: mailer().binding });
    const conversationId = await customerConversation(svc);
    const reply = await addThread(svc, { conversationId, type: "message", text: "On our way.", user: 1 });
    expect(reply.mail).toEqual([{ kind: "reply", conversationId, threadId: reply.id }]);
    expect((await threadRow(reply.id))?.status).toBe("queued");

    const quiet = [
      await addThread(svc, { conversationId, type: "note", text: "internal", user: 1 }),
      await addThread(svc, { conversationId, type: "customer", text: "thanks", customer: { email: CUSTOMER } }),
      await addThread(svc, { conversationId, type: "message", text: "draft", user: 1, state: "draft" }),
      await addThread(svc, { conversationId, type: "message", text: "old", user: 1, imported: true }),
      await addThread(svc, { conversationId, type: "phone", text: "called", user: 1 }),
    ];
    for (const added of quiet) {
      expect(added.mail).toEqual([]);
      expect((await threadRow(added.id))?.status).toBeNull();
    }
  });

  it("Create Conversation queues each published agent message; an imported conversation sends nothing", async () => {
    const svc = services({ mailer: mailer().binding });
    const created = await createConversation(svc, {
      type: "email",
      mailboxId: 1,
      subject: "Your order",
      customer: { email: CUSTOMER },
      threads: [
        { type: "message", text: "Shipped today.", user: 1 },
        { type: "note", text: "checked stock", user: 1 },
        { type: "message", text: "not yet", user: 1, state: "draft" },
      ],
    });
    const threads = created.conversation._embedded.threads;
    const message = threads.find((t) => t.type === "message" && t.state === "published")!;
    expect(created.mail).toEqual([{ kind: "reply", conversationId: created.id, threadId: message.id }]);
    expect(message.mail).toEqual({ status: "queued", error: null, providerMessageId: null, sentAt: null });
    expect(threads.filter((t) => t.id !== message.id).map((t) => t.mail)).toEqual([null, null]);

    const imported = await createConversation(svc, {
      type: "email",
      mailboxId: 1,
      subject: "Archive",
      customer: { email: CUSTOMER },
      imported: true,
      threads: [{ type: "message", text: "From the old system.", user: 1 }],
    });
    expect(imported.mail).toEqual([]);
    expect(imported.conversation._embedded.threads[0]!.mail).toBeNull();
  });

  it("without a send_email binding the reply is recorded as not sent with the reason: 201, never a 500", async () => {
    const { EMAIL: _unbound, ...withoutEmail } = env;
    const conversationId = await customerConversation(services());
    const response = await worker.fetch(
      new Request(`http://localhost/api/conversations/${conversationId}/threads`, {
        method: "POST",
        headers: { "X-FreeScout-API-Key": "c2ba609c687a3425402b9d881e5075db", "Content-Type": "application/json" },
        body: JSON.stringify({ type: "message", text: "Hello", user: 1 }),
      }),
      withoutEmail as unknown as Env,
      { waitUntil: () => {}, passThroughOnException: () => {} } as unknown as ExecutionContext,
    );
    expect(response.status).toBe(201);
    const threadId = Number(response.headers.get("Resource-ID"));
    expect(await threadRow(threadId)).toMatchObject({ status: "not_sent", error: NO_BINDING });
    const shown = await get(`/api/conversations/${conversationId}?embed=threads`);
    const thread = shown.json._embedded.threads.find((t: { id: number }) => t.id === threadId);
    expect(thread.mail).toEqual({ status: "not_sent", error: NO_BINDING, providerMessageId: null, sentAt: null });
  });
});

describe("the built message", () => {
  it("From 'Ada via <mailbox>', Re: subject, signature, quoted previous message, text alternative, cc/bcc, attachments, threading headers", async () => {
    await env.DB.prepare("UPDATE mailboxes SET signature = ?, from_name = ? WHERE id = 1")
      .bind("<p>-- {%user.firstName%} from {%mailbox.name%}</p>", "Support")
      .run();
    const recorder = mailer();
    const svc = services({ mailer: recorder.binding });
    const conversationId = await customerConversation(svc);
    // The customer's message came by email once: its Message-ID is the history answered.
    await env.DB.prepare(
      "INSERT INTO mail_messages (mailbox_id, message_id, direction, conversation_id, thread_id, created_at) VALUES (1, 'abc.123@mail.example.com', 'in', ?, NULL, 1)",
    )
      .bind(conversationId)
      .run();
    const file = "Invoice 42\n";
    const reply = await addThread(svc, {
      conversationId,
      type: "message",
      text: '<p>We sent a <a href="https://help.example.com/fire">guide</a>.</p>',
      user: 1,
      cc: ["boss@example.com"],
      bcc: ["audit@example.com"],
      attachments: [{ fileName: "invoice.txt", mimeType: "text/plain", data: btoa(file) }],
    });
    const { acked } = await consume(svc, reply.mail);
    expect(acked).toEqual(reply.mail);
    expect(recorder.sent).toHaveLength(1);
    const { message, messageId } = recorder.sent[0]!;

    expect(message.from).toEqual({ email: MAILBOX, name: "Ada via Support" });
    expect(message.to).toEqual([CUSTOMER]);
    expect(message.cc).toEqual(["boss@example.com"]);
    expect(message.bcc).toEqual(["audit@example.com"]);
    expect(message.subject).toBe("Re: Printer on fire");
    expect(message.html).toContain('<a href="https://help.example.com/fire">guide</a>');
    expect(message.html).toContain("-- Ada from Support");
    expect(message.html).toMatch(/<blockquote type="cite"><p>My printer is <b>on fire<\/b>.<\/p><\/blockquote>/);
    expect(message.text).toContain("We sent a guide (https://help.example.com/fire).");
    expect(message.text).toContain("--\n-- Ada from Support");
    expect(message.text).toMatch(/wrote:\n> My printer is on fire\./);

    const headers = message.headers!;
    expect(headers["In-Reply-To"]).toBe("<abc.123@mail.example.com>");
    const refs = headers.References!.split(" ");
    expect(refs[0]).toBe("<abc.123@mail.example.com>");
    const own = refs[refs.length - 1]!.slice(1, -1);
    expect(own).toMatch(new RegExp(`^fs\\.${conversationId}\\.${reply.id}\\.[0-9a-f]{12}@support\\.example\\.org$`));
    expect(await parseOutgoingMessageId(svc.secrets.attachmentSigning, own)).toEqual({
      conversationId,
      threadId: reply.id,
    });
    expect(headers["Auto-Submitted"]).toBeUndefined();

    expect(message.attachments).toHaveLength(1);
    const attachment = message.attachments![0]!;
    expect(attachment).toMatchObject({ filename: "invoice.txt", type: "text/plain", disposition: "attachment" });
    expect(new TextDecoder().decode(attachment.content as ArrayBuffer)).toBe(file);

    // Recorded: sent with the provider's id, visible through the API, and kept for threading.
    const shown = await get(`/api/conversations/${conversationId}?embed=threads`);
    const thread = shown.json._embedded.threads.find((t: { id: number }) => t.id === reply.id);
    expect(thread.mail).toMatchObject({ status: "sent", error: null, providerMessageId: messageId });
    expect(Date.parse(thread.mail.sentAt)).not.toBeNaN();
    const out = await env.DB.prepare(
      "SELECT thread_id AS threadId FROM mail_messages WHERE direction = 'out' AND message_id = ?",
    )
      .bind(messageId.replace(/^<|>$/g, "").toLowerCase())
      .first();
    expect(out).toEqual({ threadId: reply.id });
  });

  it("a conversation the agent starts has the plain subject; no quote, no In-Reply-To", async () => {
    const recorder = mailer();
    const svc = services({ mailer: recorder.binding });
    const created = await createConversation(svc, {
      type: "email",
      mailboxId: 1,
      subject: "Your order",
      customer: { email: CUSTOMER },
      threads: [{ type: "message", text: "Shipped today.", user: 7 }],
    });
    await consume(svc, created.mail);
    const { message } = recorder.sent[0]!;
    expect(message.subject).toBe("Your order");
    expect(message.from).toEqual({ email: MAILBOX, name: "Sam via Demo Mailbox" });
    expect(message.html).not.toContain("blockquote");
    expect(message.headers!["In-Reply-To"]).toBeUndefined();
    expect(message.headers!.References).toMatch(/^<fs\.\d+\.\d+\.[0-9a-f]{12}@support\.example\.org>$/);
  });
});

describe("delivery", () => {
  it("a transient failure retries with growing delays; after the last attempt: failed, a line item, dead letter", async () => {
    const failing = mailer("503 service unavailable");
    const svc = services({ mailer: failing.binding });
    const conversationId = await customerConversation(svc);
    const reply = await addThread(svc, { conversationId, type: "message", text: "Hi", user: 1 });
    const delays = svc.config.mailRetryDelays;

    const first = await consume(svc, reply.mail, 1);
    expect(first).toEqual({ acked: [], retried: [{ mail: reply.mail[0], delaySeconds: delays[0] }] });
    expect(await threadRow(reply.id)).toMatchObject({
      status: "queued",
      error: "Attempt failed, will retry: 503 service unavailable",
    });
    const third = await consume(svc, reply.mail, 3);
    expect(third.retried[0]!.delaySeconds).toBe(delays[2]);
    expect(delays[2]!).toBeGreaterThan(delays[0]!);
    expect(await lineItems(conversationId)).toEqual([]);

    // The last attempt: recorded as failed, and retried once more so the platform dead-letters it.
    const last = await consume(svc, reply.mail, delays.length + 1);
    expect(last.acked).toEqual([]);
    expect(last.retried).toHaveLength(1);
    expect(await threadRow(reply.id)).toMatchObject({ status: "failed", error: "503 service unavailable" });
    expect(await lineItems(conversationId)).toEqual([
      `Email to ${CUSTOMER} could not be sent: 503 service unavailable`,
    ]);
    const shown = await get(`/api/conversations/${conversationId}?embed=threads`);
    const item = shown.json._embedded.threads.find((t: { type: string }) => t.type === "lineitem");
    expect(item.action.text).toBe(`Email to ${CUSTOMER} could not be sent: 503 service unavailable`);
    expect(failing.calls()).toBe(3);
  });

  it("a refusal no retry can mend fails at once (acknowledged, failed, line item)", async () => {
    const svc = services({ mailer: mailer(`email from ${MAILBOX} not allowed`).binding });
    const conversationId = await customerConversation(svc);
    const reply = await addThread(svc, { conversationId, type: "message", text: "Hi", user: 1 });
    const { acked, retried } = await consume(svc, reply.mail, 1);
    expect(acked).toEqual(reply.mail);
    expect(retried).toEqual([]);
    expect(await threadRow(reply.id)).toMatchObject({ status: "failed", error: `email from ${MAILBOX} not allowed` });
    expect(await lineItems(conversationId)).toHaveLength(1);
  });

  it("a queued reply is sent once, even when the queue delivers it twice", async () => {
    const recorder = mailer();
    const svc = services({ mailer: recorder.binding });
    const conversationId = await customerConversation(svc);
    const reply = await addThread(svc, { conversationId, type: "message", text: "Hi", user: 1 });
    await consume(svc, reply.mail);
    const again = await consume(svc, reply.mail);
    expect(again.acked).toEqual(reply.mail);
    expect(recorder.sent).toHaveLength(1);
  });

  it("a deleted conversation's queued mail is not sent; one deleted for good is acknowledged", async () => {
    const recorder = mailer();
    const svc = services({ mailer: recorder.binding });
    const conversationId = await customerConversation(svc);
    const reply = await addThread(svc, { conversationId, type: "message", text: "Hi", user: 1 });
    await env.DB.prepare("UPDATE conversations SET state = 'deleted' WHERE id = ?").bind(conversationId).run();
    const { acked } = await consume(svc, reply.mail);
    expect(acked).toEqual(reply.mail);
    expect(recorder.sent).toEqual([]);
    expect(await threadRow(reply.id)).toMatchObject({
      status: "not_sent",
      error: "Not sent: the conversation was deleted before the email went out",
    });

    const other = await customerConversation(svc, "Second");
    const gone = await addThread(svc, { conversationId: other, type: "message", text: "Hi", user: 1 });
    await env.DB.prepare("DELETE FROM conversations WHERE id = ?").bind(other).run();
    expect((await consume(svc, gone.mail)).acked).toEqual(gone.mail);
    expect(recorder.sent).toEqual([]);
  });

  it("a reply queued while the binding existed but sent without one is recorded as not sent", async () => {
    const svc = services({ mailer: mailer().binding });
    const conversationId = await customerConversation(svc);
    const reply = await addThread(svc, { conversationId, type: "message", text: "Hi", user: 1 });
    const { acked } = await consume(services({ mailer: null }), reply.mail);
    expect(acked).toEqual(reply.mail);
    expect(await threadRow(reply.id)).toMatchObject({ status: "not_sent", error: NO_BINDING });
  });

  it("mail the queue refuses is recorded as failed, never left queued", async () => {
    const svc = services({ mailer: mailer().binding });
    const conversationId = await customerConversation(svc);
    const reply = await addThread(svc, { conversationId, type: "message", text: "Hi", user: 1 });
    const refusing = {
      ...svc.queues,
      mail: {
        sendBatch: async () => {
          throw new Error("queue unavailable");
        },
      } as unknown as Queue<OutgoingMail>,
    };
    await enqueueMail({ ...svc, queues: refusing }, reply.mail);
    expect(await threadRow(reply.id)).toMatchObject({
      status: "failed",
      error: "Not sent: the email could not be queued (queue unavailable)",
    });
    expect(await lineItems(conversationId)).toHaveLength(1);
  });
});

describe("auto-reply", () => {
  beforeEach(async () => {
    await env.DB.prepare(
      "UPDATE mailboxes SET auto_reply_enabled = 1, auto_reply_subject = 'We got your message', auto_reply_body = '<p>We will answer within a day.</p>' WHERE id = 1",
    ).run();
  });

  const incoming = (svc: Services, id: string, extra: Record<string, string> = {}, from = CUSTOMER) =>
    receiveEmail(svc, {
      from,
      to: MAILBOX,
      raw: raw({ From: `Carla <${from}>`, To: MAILBOX, Subject: "Help", "Message-ID": `<${id}>`, ...extra }),
    });

  it("a new conversation from a customer's email gets it once: Auto-Submitted, threaded to the message", async () => {
    const recorder = mailer();
    const svc = services({ mailer: recorder.binding });
    const result = await incoming(svc, "first@mail.example.com");
    expect(result.outcome).toBe("created");
    const mail = "mail" in result ? (result.mail ?? []) : [];
    expect(mail).toEqual([
      {
        kind: "auto_reply",
        conversationId: (result as { conversationId: number }).conversationId,
        threadId: (result as { threadId: number }).threadId,
      },
    ]);
    await consume(svc, mail);
    expect(recorder.sent).toHaveLength(1);
    const { message } = recorder.sent[0]!;
    expect(message).toMatchObject({
      from: { email: MAILBOX, name: "Demo Mailbox" },
      to: CUSTOMER,
      subject: "We got your message",
      html: "<p>We will answer within a day.</p>",
      text: "We will answer within a day.",
    });
    expect(message.headers).toMatchObject({
      "Auto-Submitted": "auto-replied",
      "In-Reply-To": "<first@mail.example.com>",
    });

    // A second conversation from the same customer within the window: none.
    const second = await incoming(svc, "second@mail.example.com");
    await consume(svc, "mail" in second ? (second.mail ?? []) : []);
    expect(recorder.sent).toHaveLength(1);

    // After the window, again.
    const later = services({
      mailer: recorder.binding,
      clock: {
        seconds: () => Math.floor(Date.now() / 1000) + svc.config.autoReplyWindowSeconds + 1,
        millis: () => Date.now(),
      },
    });
    const third = await incoming(later, "third@mail.example.com");
    await consume(later, "mail" in third ? (third.mail ?? []) : []);
    expect(recorder.sent).toHaveLength(2);
  });

  it("never to auto-replies, bulk mail, a reply in an existing conversation, or when the mailbox has it off", async () => {
    const recorder = mailer();
    const svc = services({ mailer: recorder.binding });
    const results = [
      await incoming(svc, "ooo@mail.example.com", { "Auto-Submitted": "auto-replied" }, "a@example.com"),
      await incoming(svc, "news@mail.example.com", { Precedence: "bulk" }, "b@example.com"),
    ];
    const first = await incoming(svc, "c1@mail.example.com", {}, "c@example.com");
    await consume(svc, "mail" in first ? (first.mail ?? []) : []);
    expect(recorder.sent).toHaveLength(1);
    results.push(
      await incoming(svc, "c2@mail.example.com", { "In-Reply-To": "<c1@mail.example.com>" }, "c@example.com"),
    );
    for (const result of results) {
      expect(["created", "replied"]).toContain(result.outcome);
      expect("mail" in result ? (result.mail ?? []).filter((m) => m.kind === "auto_reply") : []).toEqual([]);
    }
    await env.DB.prepare("UPDATE mailboxes SET auto_reply_enabled = 0 WHERE id = 1").run();
    const off = await incoming(svc, "d@mail.example.com", {}, "d@example.com");
    expect("mail" in off ? off.mail : []).toEqual([]);
    expect(recorder.sent).toHaveLength(1);
  });

  it("turned off after it was queued: nothing is sent", async () => {
    const recorder = mailer();
    const svc = services({ mailer: recorder.binding });
    const result = await incoming(svc, "x@mail.example.com");
    await env.DB.prepare("UPDATE mailboxes SET auto_reply_enabled = 0 WHERE id = 1").run();
    await consume(svc, "mail" in result ? (result.mail ?? []) : []);
    expect(recorder.sent).toEqual([]);
  });
});

describe("the Worker", () => {
  it("routes the outgoing-mail queue's batches to the mail consumer and exports nothing workerd cannot run", async () => {
    const module = await import("../../src/index");
    expect(Object.keys(module)).toEqual(["default"]);
    const recorder = mailer();
    const svc = services({ mailer: recorder.binding });
    const conversationId = await customerConversation(svc);
    const reply = await addThread(svc, { conversationId, type: "message", text: "Hi", user: 1 });
    const batch = createMessageBatch<OutgoingMail>(MAIL_QUEUE_NAME, [
      { id: "m1", timestamp: new Date(), attempts: 1, body: reply.mail[0]! },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<never>, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await getQueueResult(batch, ctx)).toMatchObject({ explicitAcks: ["m1"] });
    // The Worker's own EMAIL binding sent it: the thread is sent.
    expect((await threadRow(reply.id))?.status).toBe("sent");
  });
});

describe("round trip", () => {
  it("the customer's answer to our reply lands in the same conversation, by the provider's id or by our own id", async () => {
    const recorder = mailer();
    const svc = services({ mailer: recorder.binding });
    const conversationId = await customerConversation(svc);
    const reply = await addThread(svc, { conversationId, type: "message", text: "Try turning it off.", user: 1 });
    await consume(svc, reply.mail);
    const { message, messageId } = recorder.sent[0]!;

    // A client answers as clients do: In-Reply-To our message, References ours plus its id.
    const answer = await receiveEmail(svc, {
      from: CUSTOMER,
      to: MAILBOX,
      raw: raw(
        {
          From: `Carla <${CUSTOMER}>`,
          To: MAILBOX,
          Subject: `Re: ${message.subject}`,
          "Message-ID": "<answer1@mail.example.com>",
          "In-Reply-To": `<${messageId.replace(/^<|>$/g, "")}>`,
          References: `${message.headers!.References} <${messageId.replace(/^<|>$/g, "")}>`,
        },
        "It worked, thanks!",
      ),
    });
    expect(answer).toMatchObject({ outcome: "replied", conversationId });

    // Our record of the provider's id gone, and a client that kept only References: our own id finds it.
    await env.DB.prepare("DELETE FROM mail_messages WHERE direction = 'out'").run();
    const again = await receiveEmail(svc, {
      from: CUSTOMER,
      to: MAILBOX,
      raw: raw(
        {
          From: `Carla <${CUSTOMER}>`,
          To: MAILBOX,
          Subject: "Re: Printer on fire",
          "Message-ID": "<answer2@mail.example.com>",
          "In-Reply-To": "<unknown@elsewhere.example.net>",
          References: message.headers!.References!,
        },
        "One more thing.",
      ),
    });
    expect(again).toMatchObject({ outcome: "replied", conversationId });
  });
});
