/**
 * Delivers a corpus message to the Worker's `email()` handler as Email Routing does: a
 * message object over the raw bytes (CRLF line ends), the test's real local bindings behind it.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../src/index";

const corpus = import.meta.glob<string>("./corpus/*.eml", { query: "?raw", import: "default", eager: true }) as Record<
  string,
  string
>;

export function eml(name: string, replacements: Record<string, string> = {}): string {
  let text = corpus[`./corpus/${name}`];
  if (text === undefined) throw new Error(`no corpus message ${name}`);
  for (const [key, value] of Object.entries(replacements)) text = text.replaceAll(`{{${key}}}`, value);
  return text;
}

export const corpusNames = () => Object.keys(corpus).map((path) => path.replace("./corpus/", ""));

export interface Delivery {
  rejected: string | null;
}

export async function deliver(
  raw: string,
  options: { to?: string; from?: string; env?: Record<string, string> } = {},
): Promise<Delivery> {
  const bytes = new TextEncoder().encode(raw.replace(/\r?\n/g, "\r\n"));
  let rejected: string | null = null;
  const message = {
    from: options.from ?? "sender@example.com",
    to: options.to ?? "support@support.example.org",
    raw: new Response(bytes).body!,
    rawSize: bytes.byteLength,
    headers: new Headers(),
    setReject: (reason: string) => {
      rejected = reason;
    },
    forward: async () => ({ messageId: "" }),
    reply: async () => ({ messageId: "" }),
  };
  const ctx = createExecutionContext();
  await worker.email(message as unknown as ForwardableEmailMessage, { ...env, ...options.env } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return { rejected };
}

/** The conversation and thread an incoming message was stored as. */
export async function storedAs(messageId: string) {
  return env.DB.prepare(
    "SELECT conversation_id AS conversationId, thread_id AS threadId, raw_r2_key AS rawKey FROM mail_messages WHERE message_id = ?",
  )
    .bind(messageId)
    .first<{ conversationId: number; threadId: number; rawKey: string | null }>();
}
