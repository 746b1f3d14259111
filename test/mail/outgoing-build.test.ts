/** The pure parts of an outgoing message: subject, sender name, threading headers, text alternative, signature. */
import { describe, expect, it } from "vitest";
import {
  buildAutoReply,
  DEFAULT_AUTO_REPLY_BODY,
  fillSignature,
  fromName,
  htmlToText,
  replySubject,
  threadingHeaders,
} from "../../src/domain/mail/outgoing/build";
import { isPermanent } from "../../src/domain/mail/outgoing/deliver";

describe("subject and sender", () => {
  it("Re: once, plain for the conversation's first message, never a line break", () => {
    expect(replySubject("Printer", false)).toBe("Re: Printer");
    expect(replySubject("RE: Printer", false)).toBe("RE: Printer");
    expect(replySubject("Printer", true)).toBe("Printer");
    expect(replySubject("a\r\nBcc: x@example.com", false)).toBe("Re: a Bcc: x@example.com");
    expect(replySubject("  ", false)).toBe("Re: (no subject)");
  });

  it("'Anna via Support', the mailbox alone without an agent name", () => {
    expect(fromName({ firstName: "Anna", lastName: "Lee" }, "Support")).toBe("Anna via Support");
    expect(fromName({ firstName: null, lastName: "Lee" }, "Support")).toBe("Lee via Support");
    expect(fromName({ firstName: " ", lastName: null }, "Support")).toBe("Support");
    expect(fromName(null, "Support")).toBe("Support");
  });
});

describe("threading headers", () => {
  it("In-Reply-To the newest message, References the history and our id last", () => {
    expect(threadingHeaders(["a@x", "b@x"], "fs.1.2.abc@y")).toEqual({
      "In-Reply-To": "<b@x>",
      References: "<a@x> <b@x> <fs.1.2.abc@y>",
    });
    expect(threadingHeaders([], "fs.1.2.abc@y")).toEqual({ References: "<fs.1.2.abc@y>" });
  });

  it("ids unfit for a header are left out", () => {
    expect(threadingHeaders(["ok@x", "bad id@x", "a>b@x", "no-at"], "own@y").References).toBe("<ok@x> <own@y>");
  });

  it("a long history keeps the first and the newest ids within the provider's header limit", () => {
    const history = Array.from({ length: 80 }, (_, i) => `message-${i}.${"x".repeat(20)}@mail.example.com`);
    const refs = threadingHeaders(history, "own@y").References!;
    expect(new TextEncoder().encode(refs).byteLength).toBeLessThanOrEqual(2048);
    const ids = refs.split(" ");
    expect(ids[0]).toBe(`<${history[0]}>`);
    expect(ids.slice(-2)).toEqual([`<${history[79]}>`, "<own@y>"]);
  });
});

describe("text alternative and signature", () => {
  it("keeps paragraphs, lines, list items and link targets; decodes entities", () => {
    expect(
      htmlToText(
        '<p>Hello &amp; welcome</p><p>Line<br>two</p><ul><li>one</li></ul><a href="https://x.example/">guide</a><script>x()</script>',
      ),
    ).toBe("Hello & welcome\nLine\ntwo\n- one\nguide (https://x.example/)");
  });

  it("fills the agent's and mailbox's placeholders, escaped; leaves unknown ones", () => {
    expect(
      fillSignature(
        "{%user.fullName%} | {%mailbox.name%} {%other%}",
        { firstName: "<b>Anna</b>", lastName: "Lee" },
        { email: "s@x", mailboxName: "Support" },
      ),
    ).toBe("&lt;b&gt;Anna&lt;/b&gt; Lee | Support {%other%}");
  });

  it("an auto-reply without a body or subject set says the default, Re: the subject", () => {
    const message = buildAutoReply({
      mailbox: { email: "s@x.example", mailboxName: "Support" },
      to: "c@example.com",
      subject: "Help",
      autoReplySubject: null,
      autoReplyBody: " ",
      history: ["in@mail"],
      ownId: "fs.1.1.abcdefabcdef@x.example",
    });
    expect(message.subject).toBe("Re: Help");
    expect(message.html).toBe(DEFAULT_AUTO_REPLY_BODY);
    expect(message.headers).toEqual({
      "In-Reply-To": "<in@mail>",
      References: "<in@mail> <fs.1.1.abcdefabcdef@x.example>",
      "Auto-Submitted": "auto-replied",
    });
  });
});

describe("which send errors are final", () => {
  it("refusals of the message itself are; outages are not", () => {
    expect(isPermanent(new Error("email from a@x not allowed"))).toBe(true);
    expect(isPermanent(new Error("E_HEADER_NOT_ALLOWED: Header 'Date' is not allowed"))).toBe(true);
    expect(isPermanent(new Error("E_SENDER_DOMAIN_NOT_VERIFIED"))).toBe(true);
    expect(isPermanent(new Error("503 service unavailable"))).toBe(false);
    expect(isPermanent(new Error("network connection lost"))).toBe(false);
  });
});
