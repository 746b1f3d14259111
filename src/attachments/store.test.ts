import { env } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearBucket } from "../../test/support/db";
import { type Config, readConfig } from "../config";
import { ApiError } from "../lib/errors";
import { sanitizeFileName } from "./fileName";
import { storeAttachments } from "./store";

const config = (patch: Partial<Config> = {}): Config => ({
  ...readConfig({}),
  maxAttachmentBytes: 1000,
  maxAttachmentsBytesPerRequest: 1500,
  fileUrlTimeoutMs: 200,
  ...patch,
});

/** A file server on the other side of the network, answering by path. */
function serveFiles(routes: Record<string, () => Response | Promise<Response>>) {
  return vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const route = routes[url.pathname];
    if (!route) throw new TypeError("network error");
    // Like a real fetch, give up when the caller's signal aborts.
    const signal = init?.signal;
    return Promise.race([
      route(),
      new Promise<never>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason))),
    ]);
  });
}

const objects = async () => (await env.ATTACHMENTS.list()).objects;

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return { status: error.status, path: error.errors[0]?.path, message: error.errors[0]?.message };
}

beforeEach(clearBucket);
afterEach(() => vi.restoreAllMocks());

describe("storeAttachments", () => {
  it("streams a fileUrl into R2 and records name, type and size", async () => {
    serveFiles({ "/report.pdf": () => new Response(new Uint8Array([1, 2, 3, 250]), { headers: { "content-length": "4" } }) });
    const [stored] = await storeAttachments(env, config(), [{ fileName: "report.pdf", mimeType: "application/pdf", fileUrl: "https://files.example.com/report.pdf" }], "attachments");
    expect(stored).toMatchObject({ fileName: "report.pdf", mimeType: "application/pdf", size: 4 });
    expect(stored!.r2Key).toMatch(/^attachments\/\d{4}-\d\d-\d\dT\d\d\/[0-9a-f]{32}$/);
    const object = await env.ATTACHMENTS.get(stored!.r2Key);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 250]));
  });

  it("accepts a file of exactly the limit and refuses one byte more (413), by header or by stream", async () => {
    serveFiles({
      "/exact": () => new Response(new Uint8Array(1000)),
      "/declared": () => new Response(new Uint8Array(10), { headers: { "content-length": "1001" } }),
      "/streamed": () => new Response(new ReadableStream({ start(c) { c.enqueue(new Uint8Array(600)); c.enqueue(new Uint8Array(401)); c.close(); } })),
    });
    expect((await storeAttachments(env, config(), [{ fileName: "a", fileUrl: "https://f.example.com/exact" }], "attachments"))[0]!.size).toBe(1000);
    expect(await failure(storeAttachments(env, config(), [{ fileName: "a", fileUrl: "https://f.example.com/declared" }], "attachments"))).toMatchObject({ status: 413, path: "attachments[0].fileUrl" });
    expect(await failure(storeAttachments(env, config(), [{ fileName: "a", fileUrl: "https://f.example.com/streamed" }], "attachments"))).toMatchObject({ status: 413 });
    expect(await failure(storeAttachments(env, config(), [{ fileName: "a", data: btoa("x".repeat(1001)) }], "attachments"))).toMatchObject({ status: 413, path: "attachments[0].data" });
  });

  it("enforces the per-request total across attachments, leaving no object behind", async () => {
    const data = btoa("x".repeat(800));
    expect(await failure(storeAttachments(env, config(), [{ fileName: "a", data }, { fileName: "b", data }], "threads[0].attachments"))).toMatchObject({ status: 413, path: "threads[0].attachments[1].data" });
    expect(await objects()).toEqual([]);
  });

  it.each([
    ["loopback", "http://127.0.0.1/file"],
    ["loopback in decimal", "http://2130706433/file"],
    ["private", "http://10.0.0.8/file"],
    ["link-local metadata", "http://169.254.169.254/latest/meta-data"],
    ["IPv6 loopback", "http://[::1]/file"],
    ["IPv4-mapped IPv6", "http://[::ffff:127.0.0.1]/file"],
    ["credentials", "https://user:pass@files.example.com/file"],
    ["another scheme", "ftp://files.example.com/file"],
    ["not a URL", "report.pdf"],
  ])("refuses a fileUrl to %s with a 400 naming it, without fetching", async (_name, fileUrl) => {
    const fetchSpy = serveFiles({});
    expect(await failure(storeAttachments(env, config(), [{ fileName: "a", fileUrl }], "attachments"))).toMatchObject({ status: 400, path: "attachments[0].fileUrl" });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("follows a redirect only to an allowed address", async () => {
    serveFiles({
      "/moved": () => new Response(null, { status: 302, headers: { location: "https://files.example.com/final" } }),
      "/final": () => new Response("ok"),
      "/sneaky": () => new Response(null, { status: 302, headers: { location: "http://127.0.0.1/admin" } }),
    });
    expect((await storeAttachments(env, config(), [{ fileName: "a", fileUrl: "https://files.example.com/moved" }], "attachments"))[0]!.size).toBe(2);
    expect(await failure(storeAttachments(env, config(), [{ fileName: "a", fileUrl: "https://files.example.com/sneaky" }], "attachments"))).toMatchObject({ status: 400 });
  });

  it("fails on an error status, a network error or a timeout, removing what the request stored", async () => {
    serveFiles({
      "/missing": () => new Response("no", { status: 404 }),
      "/slow": () => new Promise((resolve) => setTimeout(() => resolve(new Response("late")), 1000)),
    });
    const first = { fileName: "ok.txt", data: btoa("fine") };
    for (const [path, message] of [["/missing", /404/], ["/nowhere", /could not be fetched/], ["/slow", /timed out/]] as const) {
      const result = await failure(storeAttachments(env, config(), [first, { fileName: "b", fileUrl: `https://files.example.com${path}` }], "attachments"));
      expect(result).toMatchObject({ status: 400, path: "attachments[1].fileUrl" });
      expect(result.message).toMatch(message);
    }
    expect(await objects()).toEqual([]);
  });

  it("allows private addresses only when configured (local development)", async () => {
    serveFiles({ "/dev.txt": () => new Response("local") });
    const stored = await storeAttachments(env, config({ allowPrivateNetworks: true }), [{ fileName: "a", fileUrl: "http://127.0.0.1:9000/dev.txt" }], "attachments");
    expect(stored[0]!.size).toBe(5);
  });

  it.each([
    ["not base64!", 400],
    ["Zm9v=Zm9v", 400],
    ["Zm9vY", 400],
    ["", 201],
  ])("base64 %j", async (data, status) => {
    const result = storeAttachments(env, config(), [{ fileName: "a", data }], "attachments");
    if (status === 201) expect((await result)[0]!.size).toBe(0);
    else expect(await failure(result)).toMatchObject({ status, path: "attachments[0].data" });
  });
});

describe("sanitizeFileName", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\cv.docx", "cv.docx"],
    ["in\u0000voice\u001f.pdf", "invoice.pdf"],
    ["..", "attachment"],
    [".htaccess", "htaccess"],
    ['a<b>:"c|?*.txt', "a_b___c___.txt"],
    [`${"n".repeat(300)}.pdf`, `${"n".repeat(196)}.pdf`],
  ])("%j -> %j", (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });
});
