import { env } from "cloudflare:test";
import { BASE, call, errorsOf } from "@test/support/api";
import { insertAttachment } from "@test/support/attachments";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";
import { attachmentUrls } from "../../../domain/attachments/tokens";

beforeEach(resetToDemoData);

const row = {
  id: 50,
  fileName: 'Résumé "final".html',
  mimeType: "text/html",
  size: 29,
  r2Key: "attachments/2020-01-01T00/0123456789abcdef0123456789abcdef",
};

const signer = (secret: string) => ({ origin: BASE, secrets: { attachmentSigning: secret } });

/** An attachment row of the demo conversation's first thread, its object, and its link. */
const attachment = (fields: Partial<typeof row> = {}, content = "<script>alert(1)</script>\n\n\n") =>
  insertAttachment({ ...row, ...fields }, content);

const download = (url: URL | string, options: { headers?: Record<string, string>; method?: string } = {}) =>
  call(options.method ?? "GET", url.toString(), { key: null, headers: options.headers });

describe("Download Attachment: links", () => {
  it("are on this Worker in FreeScout's form, signed per attachment", async () => {
    const link = await attachment();
    expect(link.toString()).toMatch(
      /^http:\/\/localhost:8787\/storage\/attachment\/0\/5\/0\/R%C3%A9sum%C3%A9%20%22final%22\.html\?id=50&token=[0-9a-f]{32}$/,
    );
    const [other] = await attachmentUrls(signer(env.ATTACHMENT_SIGNING_SECRET), [{ ...row, id: 51 }]);
    expect(new URL(other!).searchParams.get("token")).not.toBe(link.searchParams.get("token"));
    const [otherSecret] = await attachmentUrls(signer("another secret"), [row]);
    expect(new URL(otherSecret!).searchParams.get("token")).not.toBe(link.searchParams.get("token"));
    expect(await attachmentUrls(signer(env.ATTACHMENT_SIGNING_SECRET), [])).toEqual([]);
  });

  it("need no API key, and an invalid one does not get in the way", async () => {
    const link = await attachment();
    expect((await download(link)).status).toBe(200);
    expect((await download(link, { headers: { "X-FreeScout-API-Key": "wrong" } })).status).toBe(200);
  });

  it("are not served under /api", async () => {
    const link = await attachment();
    const underApi = new URL(`/api${link.pathname}${link.search}`, BASE);
    expect((await download(underApi)).status).toBe(401);
    expect((await call("GET", underApi.toString())).status).toBe(404);
  });
});

describe("Download Attachment: the token", () => {
  it.each([
    [
      "signed with another secret",
      async (link: URL) => {
        const [forged] = await attachmentUrls(signer("guessed-secret"), [row]);
        link.search = new URL(forged!).search;
      },
    ],
    ["in upper case", (link: URL) => link.searchParams.set("token", link.searchParams.get("token")!.toUpperCase())],
    [
      "one character short",
      (link: URL) => link.searchParams.set("token", link.searchParams.get("token")!.slice(0, -1)),
    ],
    ["with a character more", (link: URL) => link.searchParams.set("token", `${link.searchParams.get("token")}0`)],
    [
      "given twice, the right one last",
      (link: URL) => link.searchParams.set("token", `${"f".repeat(32)}&token=${link.searchParams.get("token")}`),
    ],
    ["empty", (link: URL) => link.searchParams.set("token", "")],
    [
      "of the demo attachment",
      async (link: URL) => {
        const [demo] = await attachmentUrls(signer(env.ATTACHMENT_SIGNING_SECRET), [
          { id: 1, fileName: "invoice.txt", r2Key: "seed/invoice.txt" },
        ]);
        link.searchParams.set("token", new URL(demo!).searchParams.get("token")!);
      },
    ],
  ])("404 in the envelope when it is %s", async (_name, tamper) => {
    const link = await attachment();
    await tamper(link);
    for (const method of ["GET", "HEAD"]) {
      const res = await download(link, { method });
      expect(res.status).toBe(404);
      if (method === "GET") expect(errorsOf(res)[0]).toMatchObject({ path: "id", source: "QUERY" });
    }
  });

  it("is bound to the object: a row pointing at another object voids old links", async () => {
    const link = await attachment();
    await env.ATTACHMENTS.put("attachments/2020-01-01T00/another-object", "same bytes elsewhere");
    await env.DB.prepare(
      "UPDATE attachments SET r2_key = 'attachments/2020-01-01T00/another-object' WHERE id = 50",
    ).run();
    expect((await download(link)).status).toBe(404);
  });

  it("does not depend on the path segments, which are FreeScout's decoration", async () => {
    const link = await attachment();
    link.pathname = "/storage/attachment/9/9/9/other-name.txt";
    const res = await download(link);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain("filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.html");
  });
});

describe("Download Attachment: a file that would run in a browser", () => {
  it("is served as a download that cannot sniff, script or frame", async () => {
    const res = await download(await attachment());
    expect(res.status).toBe(200);
    expect(res.text).toBe("<script>alert(1)</script>\n\n\n");
    expect(res.headers.get("Content-Type")).toBe("text/html");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="R_sum_ _final_.html"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.html`,
    );
  });

  it("keeps a name with line breaks out of other headers", async () => {
    const res = await download(await attachment({ fileName: "a\r\nSet-Cookie: x=1.txt" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="a__Set-Cookie: x=1.txt"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1.txt`,
    );
  });
});
