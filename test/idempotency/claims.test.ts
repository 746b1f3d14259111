/** The storage rules of src/domain/idempotency.ts, at chosen times. */
import { resetToDemoData } from "@test/support/db";
import { testServices } from "@test/support/services";
import { beforeEach, describe, expect, it } from "vitest";
import {
  ABANDONED_CLAIM_SECONDS,
  claimIdempotencyKey,
  IDEMPOTENCY_TTL_SECONDS,
  type IdempotencyClaim,
  releaseIdempotencyKey,
  storeIdempotentAnswer,
} from "../../src/domain/idempotency";

beforeEach(resetToDemoData);

const T0 = 1_700_000_000;
const at = (seconds: number) => ({
  ...testServices(),
  clock: { seconds: () => seconds, millis: () => seconds * 1000 },
});
const request = { apiKeyId: 1, key: "k", fingerprint: "a".repeat(64) };
const answer = { status: 201, headers: { "Content-Type": "application/json", "Resource-ID": "9" }, body: '{"id":9}' };

async function claimAt(seconds: number, req = request): Promise<IdempotencyClaim> {
  const outcome = await claimIdempotencyKey(at(seconds), req);
  if (outcome.outcome !== "claimed") throw new Error(`not claimed: ${outcome.outcome}`);
  return outcome.claim;
}

describe("claimIdempotencyKey", () => {
  it("claims a free key; the same request then finds it in progress, another request finds it taken", async () => {
    await claimAt(T0);
    expect(await claimIdempotencyKey(at(T0 + 1), request)).toEqual({ outcome: "in_progress" });
    expect(await claimIdempotencyKey(at(T0 + 1), { ...request, fingerprint: "b".repeat(64) })).toEqual({
      outcome: "another_request",
    });
  });

  it("replays the stored answer until it expires, then lets the key be claimed again", async () => {
    const claim = await claimAt(T0);
    await storeIdempotentAnswer(at(T0), claim, answer);
    expect(await claimIdempotencyKey(at(T0 + IDEMPOTENCY_TTL_SECONDS - 1), request)).toEqual({
      outcome: "replay",
      answer,
    });
    const again = await claimIdempotencyKey(at(T0 + IDEMPOTENCY_TTL_SECONDS), {
      ...request,
      fingerprint: "c".repeat(64),
    });
    expect(again.outcome).toBe("claimed");
  });

  it("takes over a claim abandoned for ABANDONED_CLAIM_SECONDS (its Worker stopped), and the late one stores nothing", async () => {
    const abandoned = await claimAt(T0);
    expect((await claimIdempotencyKey(at(T0 + ABANDONED_CLAIM_SECONDS - 1), request)).outcome).toBe("in_progress");
    const taken = await claimAt(T0 + ABANDONED_CLAIM_SECONDS);
    await storeIdempotentAnswer(at(T0), abandoned, { ...answer, body: "late" });
    await releaseIdempotencyKey(at(T0), abandoned);
    expect((await claimIdempotencyKey(at(T0 + ABANDONED_CLAIM_SECONDS + 1), request)).outcome).toBe("in_progress");
    await storeIdempotentAnswer(at(T0), taken, answer);
    expect(await claimIdempotencyKey(at(T0 + ABANDONED_CLAIM_SECONDS + 2), request)).toEqual({
      outcome: "replay",
      answer,
    });
  });

  it("a released claim frees the key", async () => {
    const claim = await claimAt(T0);
    await releaseIdempotencyKey(at(T0), claim);
    expect((await claimIdempotencyKey(at(T0 + 1), request)).outcome).toBe("claimed");
  });
});
