import { env } from "cloudflare:test";
import { call, del, errorsOf, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";
import { contentDisposition, parseRange } from "./downloadAttachment";

beforeEach(resetToDemoData);

const seededLink = async () => {
  const thread = (await get("/api/conversations/1")).json._embedded.threads.find((t: { id: number }) => t.id === 1);
  return new URL(thread._embedded.attachments[0].fileUrl);
};

const download = (url: URL | string, headers: Record<string, string> = {}, method = "GET") =>
  call(method, url.toString(), { key: null, headers });

describe("Download Attachment", () => {
  it("serves the file from its link without an API key", async () => {
    const res = await download(await seededLink());
    expect(res.status).toBe(200);
    expect(res.text).toBe(env.TEST_SEED_ATTACHMENT);
    expect(res.headers.get("Content-Type")).toBe("text/plain");
    expect(res.headers.get("Content-Length")).toBe("33");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="invoice.txt"; filename*=UTF-8''invoice.txt`,
    );
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await download(await seededLink(), {}, "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Length")).toBe("33");
    expect(res.text).toBe("");
  });

  it("serves byte ranges", async () => {
    const link = await seededLink();
    const first = await download(link, { Range: "bytes=0-6" });
    expect(first.status).toBe(206);
    expect(first.text).toBe("Invoice");
    expect(first.headers.get("Content-Range")).toBe("bytes 0-6/33");
    const tail = await download(link, { Range: "bytes=-6" });
    expect(tail.text).toBe("49.00\n");
    const unsatisfiable = await download(link, { Range: "bytes=40-50" });
    expect(unsatisfiable.status).toBe(416);
    expect(unsatisfiable.headers.get("Content-Range")).toBe("bytes */33");
  });

  it("round-trips binary bytes stored from base64", async () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const data = btoa(String.fromCharCode(...bytes));
    const res = await post("/api/conversations/1/threads", {
      type: "note",
      text: "bin",
      user: 7,
      attachments: [{ fileName: "all.bin", mimeType: "application/octet-stream", data }],
    });
    const link = res.json._embedded.attachments[0].fileUrl;
    const { exports } = await import("cloudflare:workers");
    const file = await exports.default.fetch(new Request(link));
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it.each([
    ["a forged token", (u: URL) => u.searchParams.set("token", "0".repeat(32))],
    ["another attachment's id", (u: URL) => u.searchParams.set("id", "2")],
    ["no token", (u: URL) => u.searchParams.delete("token")],
    ["a malformed id", (u: URL) => u.searchParams.set("id", "1 OR 1=1")],
  ])("404 for %s", async (_name, tamper) => {
    const link = await seededLink();
    tamper(link);
    const res = await download(link);
    expect(res.status).toBe(404);
    errorsOf(res);
  });

  it("404 once the conversation is deleted", async () => {
    const link = await seededLink();
    await del("/api/conversations/1");
    expect((await download(link)).status).toBe(404);
  });
});

describe("download helpers", () => {
  it("parses ranges", () => {
    expect(parseRange("bytes=0-0", 10)).toEqual({ offset: 0, length: 1 });
    expect(parseRange("bytes=5-", 10)).toEqual({ offset: 5, length: 5 });
    expect(parseRange("bytes=8-100", 10)).toEqual({ offset: 8, length: 2 });
    expect(parseRange("bytes=-3", 10)).toEqual({ offset: 7, length: 3 });
    expect(parseRange("bytes=10-", 10)).toBeNull();
    expect(parseRange("bytes=0-1,3-4", 10)).toBeUndefined();
    expect(parseRange("items=0-1", 10)).toBeUndefined();
  });

  it("never lets a file name break out of Content-Disposition", () => {
    expect(contentDisposition('a"; x=y.txt')).toBe(
      `attachment; filename="a_; x=y.txt"; filename*=UTF-8''a%22%3B%20x%3Dy.txt`,
    );
    expect(contentDisposition("résumé\r\n.pdf")).toMatch(
      /^attachment; filename="r_sum___\.pdf"; filename\*=UTF-8''r%C3%A9sum%C3%A9%0D%0A\.pdf$/,
    );
  });
});
