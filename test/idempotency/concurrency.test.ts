/** Duplicates sent at once do the work once: the key is claimed before the handler runs. */
import { errorsOf } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { documentExample } from "@test/support/examples";
import { beforeEach, describe, expect, it } from "vitest";
import { countRows, withKey } from "./helpers";

beforeEach(resetToDemoData);

describe("Idempotency-Key: concurrent duplicates", () => {
  it("20 identical Create Conversation requests at once create exactly one conversation", async () => {
    const conversations = await countRows("conversations");
    const threads = await countRows("threads");
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => withKey("burst", "POST", "/api/conversations", { body: documentExample })),
    );

    expect(await countRows("conversations")).toBe(conversations + 1);
    expect(await countRows("threads")).toBe(threads + documentExample.threads.length);

    const created = answers.filter((res) => res.status === 201);
    const busy = answers.filter((res) => res.status === 409);
    expect(created.length + busy.length).toBe(20);
    // One did the work; any other 201 is its replay.
    expect(created.filter((res) => res.headers.get("Idempotent-Replayed") === null)).toHaveLength(1);
    for (const res of created) expect(res.text).toBe(created[0]!.text);
    for (const res of busy) {
      expect(errorsOf(res)[0]).toMatchObject({
        path: "Idempotency-Key",
        message: expect.stringContaining("in progress"),
      });
    }

    // Once answered, a retry is a replay of that one conversation.
    const retry = await withKey("burst", "POST", "/api/conversations", { body: documentExample });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.text).toBe(created[0]!.text);
  });

  it("different keys at once each do their work", async () => {
    const conversations = await countRows("conversations");
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => withKey(`own-${i}`, "POST", "/api/conversations", { body: documentExample })),
    );
    expect(answers.map((res) => res.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await countRows("conversations")).toBe(conversations + 5);
  });
});
