import { env } from "cloudflare:test";
import { post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { testServices } from "@test/support/services";
import { beforeEach, describe, expect, it } from "vitest";
import { runScheduled } from "../../cron/scheduled";
import { newD1Stats } from "../../db/instrument";
import { newAttachmentKey } from "./keys";
import { sweepOrphanAttachments } from "./orphans";

beforeEach(resetToDemoData);

const HOUR = 60 * 60 * 1000;
const keys = async () => (await env.ATTACHMENTS.list()).objects.map((object) => object.key).sort();

describe("sweepOrphanAttachments", () => {
  it("deletes old objects without a row, keeps referenced and young ones", async () => {
    const res = await post("/api/conversations/1/threads", {
      type: "note",
      text: "x",
      user: 7,
      attachments: [{ fileName: "kept.txt", data: btoa("kept") }],
    });
    expect(res.status).toBe(201);
    const orphan = newAttachmentKey(Date.now());
    await env.ATTACHMENTS.put(orphan, "lost");
    const services = testServices();
    expect(await sweepOrphanAttachments(services, Date.now())).toEqual({ checked: 0, deleted: 0 });
    expect(await sweepOrphanAttachments(services, Date.now() + 2 * HOUR)).toEqual({ checked: 2, deleted: 1 });
    const left = await keys();
    expect(left).not.toContain(orphan);
    expect(left.filter((key) => key.startsWith("attachments/"))).toHaveLength(1);
    expect(left).toContain("seed/invoice.txt");
  });

  it("runs from the cron entry point, which keeps young objects", async () => {
    await env.ATTACHMENTS.put(newAttachmentKey(Date.now()), "young");
    await runScheduled(testServices(), Date.now());
    expect(await keys()).toHaveLength(2);
  });

  it("never deletes an object uploaded within the hour, whatever its key says", async () => {
    await env.ATTACHMENTS.put("attachments/2020-01-01T00/forged-old-hour", "young");
    expect(await sweepOrphanAttachments(testServices(), Date.now())).toEqual({ checked: 0, deleted: 0 });
    expect(await keys()).toContain("attachments/2020-01-01T00/forged-old-hour");
  });

  it("stops listing at keys of the last hour and leaves other prefixes alone", async () => {
    const now = Date.now() + 3 * HOUR;
    const recent = newAttachmentKey(now);
    await env.ATTACHMENTS.put(recent, "written in the sweep's own hour");
    await env.ATTACHMENTS.put("webhook-payloads/delivery-1", "{}");
    expect(await sweepOrphanAttachments(testServices(), now)).toEqual({ checked: 0, deleted: 0 });
    expect(await keys()).toEqual(["seed/invoice.txt", recent, "webhook-payloads/delivery-1"].sort());
  });

  it("walks every page with one query per page", async () => {
    const orphans = Array.from({ length: 5 }, (_, i) => newAttachmentKey(Date.now() - (10 - i) * HOUR));
    await Promise.all(orphans.map((key) => env.ATTACHMENTS.put(key, "lost")));
    const stats = newD1Stats();
    const result = await sweepOrphanAttachments(testServices({ d1Stats: stats }), Date.now() + 2 * HOUR, 2);
    expect(result).toEqual({ checked: 5, deleted: 5 });
    expect(stats.roundTrips).toBe(3);
    expect(await keys()).toEqual(["seed/invoice.txt"]);
  });
});
