import { describe, expect, it } from "vitest";
import { type Reply, replyAfter } from "./preview";

const reply = (id: number, createdAt: number, body = `text ${id}`, type: Reply["type"] = "customer"): Reply => ({
  id,
  type,
  body,
  createdAt,
});

describe("the newest reply after a change", () => {
  const newest = [reply(5, 500), reply(4, 400, "text 4", "message")];

  it("a hidden newest reply gives way to the one before", () => {
    expect(replyAfter(newest, { ...newest[0]!, visible: false })).toMatchObject({
      after: { id: 4 },
      moved: true,
      affected: true,
    });
  });

  it("a new text of the newest reply rewords the preview", () => {
    expect(replyAfter(newest, { ...newest[0]!, body: "new", visible: true })).toMatchObject({
      after: { id: 5, body: "new" },
      moved: false,
      affected: true,
    });
  });

  it("a change of an older reply or of a note leaves it", () => {
    expect(replyAfter(newest, { ...newest[1]!, body: "new", visible: true }).affected).toBe(false);
    expect(replyAfter(newest, { ...reply(9, 900, "note", "note"), visible: true }).affected).toBe(false);
  });

  it("a reply shown again becomes the newest if it is newer", () => {
    expect(replyAfter(newest, { ...reply(6, 600), visible: true })).toMatchObject({ after: { id: 6 }, moved: true });
    expect(replyAfter(newest, { ...reply(3, 300), visible: true }).affected).toBe(false);
  });

  it("ties on time go to the higher id; with no reply left there is none", () => {
    expect(replyAfter([reply(5, 500)], { ...reply(7, 500), visible: true }).after?.id).toBe(7);
    expect(replyAfter([reply(5, 500)], { ...reply(5, 500), visible: false })).toMatchObject({
      after: null,
      moved: true,
    });
  });
});
