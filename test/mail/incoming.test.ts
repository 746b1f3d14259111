/**
 * Incoming email end to end: each corpus message goes through the Worker's email() handler
 * into real local D1 and R2, and the test asserts what the API then shows.
 */
import { env } from "cloudflare:test";
import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { testServices } from "@test/support/services";
import { beforeEach, describe, expect, it } from "vitest";
import { outgoingMessageId } from "../../src/domain/mail/messageId";
import { handleEmail } from "../../src/email/handler";
import { corpusNames, deliver, eml, storedAs } from "./support";

beforeEach(resetToDemoData);

const conversation = async (id: number) =>
  (await get(`/api/conversations/${id}`, { query: { embed: "threads" } })).json;
const newest = (convo: any) => convo._embedded.threads[0];

async function received(name: string, messageId: string, options?: Parameters<typeof deliver>[1]) {
  const delivery = await deliver(eml(name), options);
  expect(delivery.rejected).toBeNull();
  const stored = await storedAs(messageId);
  expect(stored).not.toBeNull();
  return { ...stored!, convo: await conversation(stored!.conversationId) };
}

const folderCounts = async (mailboxId: number) =>
  (
    await env.DB.prepare(
      "SELECT type, total_count, active_count FROM folders WHERE mailbox_id = ? AND user_id IS NULL ORDER BY type",
    )
      .bind(mailboxId)
      .all()
  ).results;

describe("the corpus", () => {
  it("holds at least 30 messages", () => {
    expect(corpusNames().length).toBeGreaterThanOrEqual(30);
  });
});

describe("a new message", () => {
  it("becomes an active email conversation in Unassigned with a new customer, the text as HTML", async () => {
    const before = await folderCounts(1);
    const { convo, rawKey } = await received("plain-new.eml", "plain-new@example.com");
    expect(convo).toMatchObject({
      type: "email",
      status: "active",
      state: "published",
      subject: "Printer is on fire",
      mailboxId: 1,
      source: { type: "email", via: "customer" },
      customer: { email: "carla@example.com", firstName: "Carla", lastName: "Customer" },
      threadsCount: 1,
    });
    expect(newest(convo)).toMatchObject({
      type: "customer",
      source: { type: "email", via: "customer" },
      body: "<p>Hello,</p><p>my printer is on fire.<br>What should I do?</p><p>Carla</p>",
      to: ["support@support.example.org"],
    });
    const after = await folderCounts(1);
    const unassigned = (rows: any[]) => rows.find((row) => row.type === 1);
    expect(unassigned(after).total_count).toBe(unassigned(before).total_count + 1);
    expect(unassigned(after).active_count).toBe(unassigned(before).active_count + 1);
    // The raw message is kept in R2.
    const raw = await env.ATTACHMENTS.get(rawKey!);
    expect(await raw!.text()).toContain("Message-ID: <plain-new@example.com>");
  });

  it("fires convo.created and customer.created as the API does", async () => {
    const services = testServices();
    const bytes = new TextEncoder().encode(eml("plain-new.eml").replace(/\n/g, "\r\n"));
    const result = await handleEmail(
      {
        from: "carla@example.com",
        to: "support@support.example.org",
        raw: new Response(bytes).body!,
        rawSize: bytes.byteLength,
        setReject: () => {},
      },
      services,
    );
    expect(result.outcome).toBe("created");
    expect(result.events.map((e) => e.event).sort()).toEqual(["convo.created", "customer.created"]);
    await services.settle();
  });

  it("sanitises HTML: no scripts, handlers, comments, frames, remote images or unsafe links and styles", async () => {
    const { convo } = await received("html-only.eml", "html-only@example.com");
    const body: string = newest(convo).body;
    expect(body).toContain("<p>Hello <b>team</b></p>");
    expect(body).toContain('<a href="https://example.com/doc"');
    expect(body).toContain('rel="noopener noreferrer nofollow"');
    for (const banned of [
      "script",
      "onclick",
      "tracker.example",
      "javascript:",
      "iframe",
      "secret comment",
      "url(",
      "<style",
      "<title",
    ]) {
      expect(body).not.toContain(banned);
    }
    expect(body).toContain("styled");
  });

  it("takes the HTML part of multipart/alternative", async () => {
    const { convo } = await received("alternative.eml", "alternative@example.com");
    expect(newest(convo).body).toBe("<p>HTML <i>version</i> of the message.</p>");
  });
});

describe("replies from the major clients", () => {
  const cases = [
    ["gmail-reply.eml", "gmail-reply@mail.gmail.com", "Thanks, the fire is out now."],
    ["outlook-web-reply.eml", "outlook-web@outlook.com", "Unplugged it, thank you."],
    ["outlook-desktop-reply.eml", "outlook-desktop@example.com", "The printer works again."],
    ["apple-mail-reply.eml", "apple-reply@icloud.com", "Done, it is cold now."],
    ["thunderbird-reply.eml", "thunderbird-reply@example.com", "Unplugged and cooled down."],
    ["yahoo-reply.eml", "yahoo-reply@yahoo.com", "Yahoo says thanks."],
    ["text-reply-quoted.eml", "text-reply@example.com", "It still smells of smoke."],
    ["text-original-message.eml", "text-original@example.com", "I will buy a new one."],
  ] as const;

  it.each(cases)("%s joins the conversation with the quoted history cut off", async (name, id, text) => {
    const first = await received("plain-new.eml", "plain-new@example.com");
    const reply = await received(name, id);
    expect(reply.conversationId).toBe(first.conversationId);
    expect(reply.convo.threadsCount).toBe(2);
    const body: string = newest(reply.convo).body;
    expect(body).toContain(text);
    expect(body).not.toContain("Please unplug the printer");
    expect(body).not.toMatch(/wrote:|From:<\/b>|Example Inc\./);
  });

  it("finds the conversation from References alone", async () => {
    const first = await received("plain-new.eml", "plain-new@example.com");
    const reply = await received("references-only.eml", "references-only@example.com");
    expect(reply.conversationId).toBe(first.conversationId);
  });

  it("re-opens a closed conversation (status active) and fires convo.customer.reply.created", async () => {
    const first = await received("plain-new.eml", "plain-new@example.com");
    await env.DB.prepare("UPDATE conversations SET status = 'closed' WHERE id = ?").bind(first.conversationId).run();
    const services = testServices();
    const bytes = new TextEncoder().encode(eml("gmail-reply.eml").replace(/\n/g, "\r\n"));
    const result = await handleEmail(
      {
        from: "carla@example.com",
        to: "support@support.example.org",
        raw: new Response(bytes).body!,
        rawSize: bytes.byteLength,
        setReject: () => {},
      },
      services,
    );
    await services.settle();
    expect(result.outcome).toBe("replied");
    expect(result.events.map((e) => e.event)).toEqual(["convo.customer.reply.created"]);
    expect((await conversation(first.conversationId)).status).toBe("active");
  });
});

describe("charsets and encodings", () => {
  it.each([
    ["latin1-qp.eml", "latin1@example.de", "Grüße aus Köln", "Frage zur Rechnung über 100 €"],
    ["utf8-base64.eml", "utf8-b64@example.ru", "Здравствуйте! Где мой заказ? 🙂", "Заказ №42 — вопрос"],
    ["windows-1252.eml", "cp1252@example.fr", "Le prix est 50 € “entre guillemets”.", "Price in euro"],
    ["koi8-r.eml", "koi8@example.ru", "Привет из KOI8-R", "KOI8"],
    ["iso-2022-jp.eml", "jis@example.jp", "こんにちは、注文について質問があります。", "お問い合わせ"],
    ["utf8-8bit.eml", "utf8-8bit@example.fr", "Ça marche très bien, merci beaucoup ! — Zoë", "Ça marche très bien"],
  ])("%s is decoded", async (name, id, body, subject) => {
    const { convo } = await received(name, id);
    expect(newest(convo).body).toContain(body);
    expect(convo.subject).toBe(subject);
  });

  it("decodes an encoded sender name into the customer", async () => {
    const { convo } = await received("latin1-qp.eml", "latin1@example.de");
    expect(convo.customer).toMatchObject({ firstName: "Jürgen", lastName: "Müller", email: "juergen@example.de" });
  });
});

describe("attachments", () => {
  it("stores an attachment with its name, type and size; the link serves the bytes", async () => {
    const { convo } = await received("attachment-pdf.eml", "attach-pdf@example.com");
    const [file] = newest(convo)._embedded.attachments;
    expect(file).toMatchObject({ fileName: "invoice 42.pdf", mimeType: "application/pdf", size: 32 });
    const download = await get(new URL(file.fileUrl).pathname + new URL(file.fileUrl).search, { key: null });
    expect(download.text).toBe("%PDF-1.4\n% a tiny test document\n");
  });

  it("rewrites a cid: inline image to the attachment's link", async () => {
    // Bodies link our attachments through PUBLIC_URL (the email handler has no request origin).
    const { convo } = await received("inline-image.eml", "inline-image@example.com", {
      env: { PUBLIC_URL: "http://localhost:8787" },
    });
    const thread = newest(convo);
    const [image] = thread._embedded.attachments;
    expect(image).toMatchObject({ fileName: "shot.png", mimeType: "image/png" });
    expect(thread.body).not.toContain("cid:");
    expect(thread.body).toContain(`src="${image.fileUrl.replaceAll("&", "&amp;")}"`);
  });

  it("records an attachment over the limit as dropped and keeps the message and the others", async () => {
    const { convo, threadId } = await received("big-attachment.eml", "big-attachment@example.com", {
      env: { MAX_ATTACHMENT_BYTES: "1000" },
    });
    const thread = newest(convo);
    expect(thread.body).toContain("The log is attached");
    expect(thread._embedded.attachments.map((a: any) => a.fileName)).toEqual(["small.png"]);
    const row = await env.DB.prepare("SELECT mail_flags FROM threads WHERE id = ?")
      .bind(threadId)
      .first<{ mail_flags: string }>();
    expect(JSON.parse(row!.mail_flags).dropped).toEqual([
      {
        fileName: "server.log",
        mimeType: "text/plain",
        size: 4600,
        reason: "Over the limit of 1000 bytes per attachment",
      },
    ]);
  });
});

describe("forwards", () => {
  it("keeps a forwarded message's quoted part", async () => {
    const { convo } = await received("forward-gmail.eml", "forward-gmail@mail.gmail.com");
    expect(newest(convo).body).toContain("Your order 42 is delayed by two weeks.");
    expect(newest(convo).body).toContain("See below, can you help?");
  });

  it("keeps an attached message/rfc822 as an .eml attachment", async () => {
    const { convo } = await received("forward-rfc822.eml", "forward-rfc822@example.com");
    const thread = newest(convo);
    expect(thread.body).toContain("Forwarding the complaint");
    expect(thread._embedded.attachments).toEqual([
      expect.objectContaining({ fileName: "complaint.eml", mimeType: "message/rfc822" }),
    ]);
  });
});

describe("routing", () => {
  it.each([
    ["plus-addressing.eml", "plus@example.com", "support+billing@support.example.org", 1],
    ["alias.eml", "alias@example.com", "help@support.example.org", 1],
    ["cc-recipient.eml", "cc-recipient@example.com", "sales@support.example.org", 2],
  ])("%s reaches its mailbox", async (name, id, to, mailboxId) => {
    const { convo } = await received(name, id, { to });
    expect(convo.mailboxId).toBe(mailboxId);
  });

  it("routes by the To/Cc headers when the envelope recipient is no mailbox, and records the other recipients as cc", async () => {
    const { convo } = await received("cc-recipient.eml", "cc-recipient@example.com", { to: "partner@example.org" });
    expect(convo.mailboxId).toBe(2);
    expect(newest(convo).cc).toEqual(["partner@example.org", "boss@example.com"]);
    expect(convo.cc).toEqual(["partner@example.org", "boss@example.com"]);
  });

  it("rejects mail for no mailbox with a reason, and stores nothing", async () => {
    const delivery = await deliver(eml("unknown-recipient.eml"), { to: "nobody@support.example.org" });
    expect(delivery.rejected).toBe("No mailbox here for nobody@support.example.org");
    expect(await storedAs("unknown-recipient@example.com")).toBeNull();
  });

  it("takes nothing from one of our own mailboxes (loop guard)", async () => {
    const delivery = await deliver(eml("from-own-mailbox.eml"));
    expect(delivery.rejected).toBeNull();
    expect(await storedAs("own-mailbox@support.example.org")).toBeNull();
  });
});

describe("loops, auto-replies and bounces", () => {
  it.each([
    ["auto-reply-auto-submitted.eml", "auto-submitted@example.com", { autoSubmitted: "auto-replied" }],
    ["out-of-office-x-autoreply.eml", "x-autoreply@example.com", { autoSubmitted: "auto-replied" }],
  ])("%s is recorded on the conversation but does not re-open it", async (name, id, flags) => {
    const first = await received("plain-new.eml", "plain-new@example.com");
    await env.DB.prepare("UPDATE conversations SET status = 'closed' WHERE id = ?").bind(first.conversationId).run();
    const reply = await received(name, id);
    expect(reply.conversationId).toBe(first.conversationId);
    expect(reply.convo.status).toBe("closed");
    const row = await env.DB.prepare("SELECT mail_flags FROM threads WHERE id = ?")
      .bind(reply.threadId)
      .first<{ mail_flags: string }>();
    expect(JSON.parse(row!.mail_flags)).toEqual(flags);
  });

  it("flags mailing-list bulk mail", async () => {
    const { threadId } = await received("bulk-newsletter.eml", "bulk@news.example.net");
    const row = await env.DB.prepare("SELECT mail_flags FROM threads WHERE id = ?")
      .bind(threadId)
      .first<{ mail_flags: string }>();
    expect(JSON.parse(row!.mail_flags)).toEqual({ bulk: true });
  });

  it("records a bounce of our outgoing message on that thread, adds no thread", async () => {
    const created = await post("/api/conversations", {
      type: "email",
      mailboxId: 1,
      subject: "Your question",
      customer: { email: "nobody@example.com" },
      threads: [{ type: "message", text: "Our answer", user: 1 }],
    });
    const threadId = created.json._embedded.threads[0].id;
    const ours = await outgoingMessageId(
      env.ATTACHMENT_SIGNING_SECRET!,
      { conversationId: created.json.id, threadId },
      "support@support.example.org",
    );
    const delivery = await deliver(eml("bounce-dsn.eml", { OUR_MESSAGE_ID: ours }), { from: "" });
    expect(delivery.rejected).toBeNull();
    const row = await env.DB.prepare("SELECT mail_status, mail_error FROM threads WHERE id = ?").bind(threadId).first();
    expect(row).toEqual({
      mail_status: "bounced",
      mail_error: "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown",
    });
    expect((await conversation(created.json.id)).threadsCount).toBe(1);
    // Delivered again: still recorded once.
    await deliver(eml("bounce-dsn.eml", { OUR_MESSAGE_ID: ours }));
    const count = await env.DB.prepare(
      "SELECT count(*) AS n FROM mail_messages WHERE message_id = 'bounce-1@mx.example.com'",
    ).first();
    expect(count).toEqual({ n: 1 });
  });
});

describe("duplicates and malformed input", () => {
  it("stores a message delivered twice once", async () => {
    await received("duplicate.eml", "duplicate@example.com");
    const again = await deliver(eml("duplicate.eml"));
    expect(again.rejected).toBeNull();
    const { results } = await env.DB.prepare("SELECT id FROM conversations WHERE subject = 'Sent twice'").all();
    expect(results).toHaveLength(1);
  });

  it("stores a message without Message-ID once, under an id made from its bytes", async () => {
    await deliver(eml("missing-message-id.eml"));
    await deliver(eml("missing-message-id.eml"));
    const { results } = await env.DB.prepare(
      "SELECT message_id FROM mail_messages WHERE message_id LIKE 'missing.%@message-id.invalid'",
    ).all();
    expect(results).toHaveLength(1);
    const { results: convos } = await env.DB.prepare(
      "SELECT id FROM conversations WHERE subject = 'No message id'",
    ).all();
    expect(convos).toHaveLength(1);
  });

  it("takes a message with malformed headers; without a valid From the envelope sender is the customer", async () => {
    const { convo } = await received("malformed-headers.eml", "malformed@example.com", {
      from: "Envelope@Example.com",
    });
    expect(convo.customer.email).toBe("envelope@example.com");
    expect(newest(convo).body).toContain("Body survives broken headers.");
  });

  it("rejects a message over the size limit with the reason", async () => {
    const delivery = await deliver(eml("plain-new.eml"), { env: { MAX_EMAIL_BYTES: "100" } });
    expect(delivery.rejected).toMatch(/^Message too large: \d+ bytes, the limit is 100$/);
    expect(await storedAs("plain-new@example.com")).toBeNull();
  });
});

describe("a multi-step exchange", () => {
  it("customer writes, an agent replies through the API, the customer answers that reply: one conversation", async () => {
    const first = await received("plain-new.eml", "plain-new@example.com");
    const reply = await post(`/api/conversations/${first.conversationId}/threads`, {
      type: "message",
      text: "Please unplug the printer.",
      user: 1,
    });
    expect(reply.status).toBe(201);
    const agentThreadId = Number(reply.headers.get("Resource-ID"));
    // The outgoing message's id, as the customer's client quotes it back (no References kept).
    const ours = await outgoingMessageId(
      env.ATTACHMENT_SIGNING_SECRET!,
      { conversationId: first.conversationId, threadId: agentThreadId },
      "support@support.example.org",
    );
    const answer = await deliver(eml("reply-to-agent.eml", { OUR_MESSAGE_ID: ours }));
    expect(answer.rejected).toBeNull();
    const stored = await storedAs("reply-to-agent@example.com");
    expect(stored!.conversationId).toBe(first.conversationId);
    const convo = await conversation(first.conversationId);
    expect(convo.threadsCount).toBe(3);
    expect(convo.status).toBe("active");
    expect(convo._embedded.threads.map((t: any) => t.type)).toEqual(["customer", "message", "customer"]);
    expect(newest(convo).body).toBe("<p>Thanks for the answer, all good now.</p>");
  });

  it("does not follow one of our Message-IDs whose mac is wrong", async () => {
    const first = await received("plain-new.eml", "plain-new@example.com");
    const forged = `fs.${first.conversationId}.${first.threadId}.000000000000@support.example.org`;
    await deliver(eml("reply-to-agent.eml", { OUR_MESSAGE_ID: forged }));
    const stored = await storedAs("reply-to-agent@example.com");
    expect(stored!.conversationId).not.toBe(first.conversationId);
  });
});
