import { env } from "cloudflare:test";
import { call, errorsOf } from "@test/support/api";
import { insertAttachment } from "@test/support/attachments";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const attachment = (content: string, r2Key = "attachments/2020-01-01T00/feedfacefeedfacefeedfacefeedface") =>
  insertAttachment({ id: 60, fileName: "notes.txt", mimeType: "text/plain", size: content.length, r2Key }, content);

const download = (url: URL, headers: Record<string, string> = {}, method = "GET") =>
  call(method, url.toString(), { key: null, headers });

describe("Download Attachment: errors", () => {
  it("404 in the envelope when the object is gone from R2", async () => {
    const link = await attachment("hello");
    await env.ATTACHMENTS.delete("attachments/2020-01-01T00/feedfacefeedfacefeedfacefeedface");
    const res = await download(link);
    expect(res.status).toBe(404);
    expect(errorsOf(res)).toHaveLength(1);
    expect((await download(link, {}, "HEAD")).status).toBe(404);
  });

  it("404 without an id or with an id that is not a number", async () => {
    const link = await attachment("hello");
    for (const id of ["", "abc", "-60", "60.0", "1e3", "9".repeat(20)]) {
      link.searchParams.set("id", id);
      expect((await download(link)).status).toBe(404);
    }
    link.searchParams.delete("id");
    expect((await download(link)).status).toBe(404);
  });

  it("416 with the size when no byte of the range exists, in the envelope", async () => {
    const link = await attachment("0123456789");
    for (const range of ["bytes=10-", "bytes=10-20", "bytes=-0", "bytes=5-3"]) {
      const res = await download(link, { Range: range });
      expect(res.status).toBe(416);
      expect(res.headers.get("Content-Range")).toBe("bytes */10");
      expect(errorsOf(res)[0]).toMatchObject({ path: "Range", source: "HEADER", rejectedValue: range });
    }
  });

  it("serves the whole file for a Range it does not handle (several ranges, other units, garbage)", async () => {
    const link = await attachment("0123456789");
    for (const range of ["bytes=0-1,4-5", "items=0-1", "bytes=", "nonsense"]) {
      const res = await download(link, { Range: range });
      expect(res.status).toBe(200);
      expect(res.text).toBe("0123456789");
    }
  });

  it("serves ranges at the edges, with HEAD too", async () => {
    const link = await attachment("0123456789");
    const cases: [string, string, string][] = [
      ["bytes=0-0", "0", "bytes 0-0/10"],
      ["bytes=9-", "9", "bytes 9-9/10"],
      ["bytes=3-100", "3456789", "bytes 3-9/10"],
      ["bytes=-100", "0123456789", "bytes 0-9/10"],
    ];
    for (const [range, body, contentRange] of cases) {
      const res = await download(link, { Range: range });
      expect([res.status, res.text, res.headers.get("Content-Range"), res.headers.get("Content-Length")]).toEqual([
        206,
        body,
        contentRange,
        String(body.length),
      ]);
    }
    const head = await download(link, { Range: "bytes=2-4" }, "HEAD");
    expect([head.status, head.text, head.headers.get("Content-Range"), head.headers.get("Content-Length")]).toEqual([
      206,
      "",
      "bytes 2-4/10",
      "3",
    ]);
  });

  it("an empty file downloads with length 0", async () => {
    const res = await download(await attachment(""));
    expect([res.status, res.text, res.headers.get("Content-Length")]).toEqual([200, "", "0"]);
  });

  it("405 for methods other than GET and HEAD", async () => {
    const link = await attachment("hello");
    const res = await download(link, {}, "DELETE");
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toContain("GET");
  });
});
