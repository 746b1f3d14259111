/**
 * The Worker's `email()` entry point: Email Routing (or wrangler dev's
 * /cdn-cgi/handler/email) hands over one message. It builds Services like the other entry
 * points, gives the raw bytes to the domain (src/domain/mail/incoming) and does only the
 * mail mechanics: `setReject` with the domain's reason, events published after commit.
 */
import { type ReceiveResult, receiveEmail } from "../domain/mail/incoming/receive";
import { publish } from "../domain/publish";
import type { Services } from "../services";

/** What the handler needs of Email Routing's message. */
export type IncomingMessage = Pick<ForwardableEmailMessage, "from" | "to" | "raw" | "rawSize" | "setReject">;

export async function handleEmail(message: IncomingMessage, services: Services): Promise<ReceiveResult> {
  if (message.rawSize > services.config.maxEmailBytes) {
    const reason = `Message too large: ${message.rawSize} bytes, the limit is ${services.config.maxEmailBytes}`;
    message.setReject(reason);
    return { outcome: "rejected", reason, events: [] };
  }
  const raw = new Uint8Array(await new Response(message.raw).arrayBuffer());
  const result = await receiveEmail(services, { from: message.from, to: message.to, raw });
  if (result.outcome === "rejected") message.setReject(result.reason);
  else if (result.outcome === "ignored") console.warn("incoming email not taken in:", result.reason);
  publish(services, result);
  return result;
}
