/**
 * What one incoming message costs D1: round trips and rows, for a new conversation and a reply
 * (the bench's email numbers come from the same instrumented Services). The read batch, the
 * conversation's own reads and one write batch: no query per row, none after the write.
 */
import { env } from "cloudflare:test";
import { resetToDemoData } from "@test/support/db";
import { testServices } from "@test/support/services";
import { beforeEach, describe, expect, it } from "vitest";
import { newD1Stats } from "../../src/db/instrument";
import { handleEmail } from "../../src/email/handler";
import { eml } from "./support";

beforeEach(resetToDemoData);

async function measured(name: string) {
  const d1Stats = newD1Stats();
  const services = testServices({ d1Stats });
  const bytes = new TextEncoder().encode(eml(name).replace(/\n/g, "\r\n"));
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
  const cost = { ...d1Stats };
  await services.settle();
  return { result, cost };
}

describe("D1 cost of an incoming message", () => {
  it("a new conversation: at most 4 round trips", async () => {
    const { result, cost } = await measured("plain-new.eml");
    expect(result.outcome).toBe("created");
    console.info("email new conversation:", cost);
    expect(cost.roundTrips).toBeLessThanOrEqual(4);
  });

  it("a reply: at most 4 round trips, and a duplicate delivery 1", async () => {
    await measured("plain-new.eml");
    const { result, cost } = await measured("gmail-reply.eml");
    expect(result.outcome).toBe("replied");
    console.info("email reply:", cost);
    expect(cost.roundTrips).toBeLessThanOrEqual(4);
    const again = await measured("gmail-reply.eml");
    expect(again.result.outcome).toBe("duplicate");
    expect(again.cost.roundTrips).toBe(1);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM threads WHERE body LIKE '%fire is out%'").first())!.n).toBe(
      1,
    );
  });
});
