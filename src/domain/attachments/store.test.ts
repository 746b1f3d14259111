import { env } from "cloudflare:test";
import { clearBucket } from "@test/support/db";
import { testServices } from "@test/support/services";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Config, readConfig } from "../../config";
import { ApiError } from "../../lib/errors";
import { type AttachmentInput, storeAttachments } from "./store";

const config = (patch: Partial<Config> = {}): Config => ({
  ...readConfig({}),
  maxAttachmentBytes: 1000,
  maxAttachmentsBytesPerRequest: 1500,
  fileUrlTimeoutMs: 200,
  ...patch,
});

const store = (settings: Config, files: AttachmentInput[], path: string) =>
  storeAttachments({ ...testServices(), config: settings }, { files, path });

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
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return { status: error.status, path: error.errors[0]?.path, message: error.errors[0]?.message };
}

beforeEach(clearBucket);
afterEach(() => vi.restoreAllMocks());

describe("storeAttachments", () => {
  it("streams a fileUrl into R2 and records name, type and size", async () => {
    serveFiles({
      "/report.pdf": () => new Response(new Uint8Array([1, 2, 3, 250]), { headers: { "content-length": "4" } }),
    });
    const [stored] = await store(
      config(),
      [{ fileName: "report.pdf", mimeType: "application/pdf", fileUrl: "https://files.example.com/report.pdf" }],
      "attachments",
    );
    expect(stored).toMatchObject({ fileName: "report.pdf", mimeType: "application/pdf", size: 4 });
    expect(stored!.r2Key).toMatch(/^attachments\/\d{4}-\d\d-\d\dT\d\d\/[0-9a-f]{32}$/);
    const object = await env.ATTACHMENTS.get(stored!.r2Key);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 250]));
  });

  it("accepts a file of exactly the limit and refuses one byte more (413), by header or by stream", async () => {
    serveFiles({
      "/exact": () => new Response(new Uint8Array(1000)),
      "/declared": () => new Response(new Uint8Array(10), { headers: { "content-length": "1001" } }),
      "/streamed": () =>
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new Uint8Array(600));
              c.enqueue(new Uint8Array(401));
              c.close();
            },
          }),
        ),
    });
    expect(
      (await store(config(), [{ fileName: "a", fileUrl: "https://f.example.com/exact" }], "attachments"))[0]!.size,
    ).toBe(1000);
    expect(
      await failure(store(config(), [{ fileName: "a", fileUrl: "https://f.example.com/declared" }], "attachments")),
    ).toMatchObject({ status: 413, path: "attachments[0].fileUrl" });
    expect(
      await failure(store(config(), [{ fileName: "a", fileUrl: "https://f.example.com/streamed" }], "attachments")),
    ).toMatchObject({ status: 413 });
    expect(
      await failure(store(config(), [{ fileName: "a", data: btoa("x".repeat(1001)) }], "attachments")),
    ).toMatchObject({ status: 413, path: "attachments[0].data" });
  });

  it("enforces the per-request total across attachments, leaving no object behind", async () => {
    const data = btoa("x".repeat(800));
    expect(
      await failure(
        store(
          config(),
          [
            { fileName: "a", data },
            { fileName: "b", data },
          ],
          "threads[0].attachments",
        ),
      ),
    ).toMatchObject({ status: 413, path: "threads[0].attachments[1].data" });
    expect(await objects()).toEqual([]);
  });

  it.each([
    ["loopback", "http://127.0.0.1/file"],
    ["loopback in decimal", "http://2130706433/file"],
    ["private", "http://10.0.0.8/file"],
    ["link-local metadata", "http://169.254.169.254/latest/meta-data"],
    ["IPv6 loopback", "http://[::1]/file"],
    ["IPv4-mapped IPv6", "http://[::ffff:127.0.0.1]/file"],
    ["private 192.168", "http://192.168.1.10/file"],
    ["private 172.16", "https://172.16.5.4/file"],
    ["CGNAT", "http://100.64.0.1/file"],
    ["unspecified", "http://0.0.0.0/file"],
    ["IPv6 link-local", "http://[fe80::1]/file"],
    ["localhost by name", "http://localhost:8080/file"],
    ["credentials", "https://user:pass@files.example.com/file"],
    ["another scheme", "ftp://files.example.com/file"],
    ["not a URL", "report.pdf"],
  ])("refuses a fileUrl to %s with a 400 naming it, without fetching", async (_name, fileUrl) => {
    const fetchSpy = serveFiles({});
    expect(await failure(store(config(), [{ fileName: "a", fileUrl }], "attachments"))).toMatchObject({
      status: 400,
      path: "attachments[0].fileUrl",
    });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("follows a redirect only to an allowed address", async () => {
    serveFiles({
      "/moved": () => new Response(null, { status: 302, headers: { location: "https://files.example.com/final" } }),
      "/final": () => new Response("ok"),
      "/sneaky": () => new Response(null, { status: 302, headers: { location: "http://127.0.0.1/admin" } }),
    });
    expect(
      (await store(config(), [{ fileName: "a", fileUrl: "https://files.example.com/moved" }], "attachments"))[0]!.size,
    ).toBe(2);
    expect(
      await failure(store(config(), [{ fileName: "a", fileUrl: "https://files.example.com/sneaky" }], "attachments")),
    ).toMatchObject({ status: 400 });
  });

  it("fails on an error status, a network error or a timeout, removing what the request stored", async () => {
    serveFiles({
      "/missing": () => new Response("no", { status: 404 }),
      "/slow": () => new Promise((resolve) => setTimeout(() => resolve(new Response("late")), 1000)),
    });
    const first = { fileName: "ok.txt", data: btoa("fine") };
    for (const [path, message] of [
      ["/missing", /404/],
      ["/nowhere", /could not be fetched/],
      ["/slow", /timed out/],
    ] as const) {
      const result = await failure(
        store(config(), [first, { fileName: "b", fileUrl: `https://files.example.com${path}` }], "attachments"),
      );
      expect(result).toMatchObject({ status: 400, path: "attachments[1].fileUrl" });
      expect(result.message).toMatch(message);
    }
    expect(await objects()).toEqual([]);
  });

  it("allows private addresses only when configured (local development)", async () => {
    serveFiles({ "/dev.txt": () => new Response("local") });
    const stored = await store(
      config({ allowPrivateNetworks: true }),
      [{ fileName: "a", fileUrl: "http://127.0.0.1:9000/dev.txt" }],
      "attachments",
    );
    expect(stored[0]!.size).toBe(5);
  });

  it.each([
    ["not base64!", 400],
    ["Zm9v=Zm9v", 400],
    ["Zm9vY", 400],
    ["", 201],
  ])("base64 %j", async (data, status) => {
    const result = store(config(), [{ fileName: "a", data }], "attachments");
    if (status === 201) expect((await result)[0]!.size).toBe(0);
    else expect(await failure(result)).toMatchObject({ status, path: "attachments[0].data" });
  });
});

/** A body that sends `first`, then fails or hangs instead of finishing. */
const brokenBody = (first: Uint8Array, end: "error" | "hang") =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first);
      if (end === "error") setTimeout(() => controller.error(new TypeError("connection reset")), 5);
    },
  });

describe("storeAttachments: round trips", () => {
  it("stores every byte value from base64 data, defaulting the type", async () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const [stored] = await store(
      config(),
      [{ fileName: "all.bin", data: btoa(String.fromCharCode(...bytes)) }],
      "attachments",
    );
    expect(stored).toMatchObject({ fileName: "all.bin", mimeType: "application/octet-stream", size: 256 });
    const object = await env.ATTACHMENTS.get(stored!.r2Key);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes);
    expect(object!.httpMetadata?.contentType).toBe("application/octet-stream");
    expect(object!.customMetadata).toEqual({ fileName: "all.bin" });
  });

  it("accepts base64 with line breaks and without padding", async () => {
    const stored = await store(config(), [{ fileName: "a", data: "aGVs\r\nbG8" }], "attachments");
    expect(await (await env.ATTACHMENTS.get(stored[0]!.r2Key))!.text()).toBe("hello");
  });

  it("streams a body of unknown length (chunked) within the limit", async () => {
    const chunks = [new Uint8Array(400).fill(7), new Uint8Array(400).fill(8), new Uint8Array(200).fill(9)];
    serveFiles({
      "/chunked": () =>
        new Response(
          new ReadableStream({
            start(c) {
              for (const chunk of chunks) c.enqueue(chunk);
              c.close();
            },
          }),
        ),
    });
    const [stored] = await store(
      config(),
      [{ fileName: "big.bin", fileUrl: "https://files.example.com/chunked" }],
      "attachments",
    );
    expect(stored!.size).toBe(1000);
    const bytes = new Uint8Array(await (await env.ATTACHMENTS.get(stored!.r2Key))!.arrayBuffer());
    expect(bytes).toEqual(new Uint8Array([...chunks[0]!, ...chunks[1]!, ...chunks[2]!]));
  });

  it("does not trust a Content-Length that counts compressed bytes", async () => {
    serveFiles({
      "/gz": () => new Response("decoded text", { headers: { "content-length": "5", "content-encoding": "gzip" } }),
    });
    const [stored] = await store(
      config(),
      [{ fileName: "a.txt", fileUrl: "https://files.example.com/gz" }],
      "attachments",
    );
    expect(await (await env.ATTACHMENTS.get(stored!.r2Key))!.text()).toBe("decoded text");
  });

  it("asks fetch not to follow redirects by itself", async () => {
    const spy = serveFiles({ "/f": () => new Response("x") });
    await store(config(), [{ fileName: "a", fileUrl: "https://files.example.com/f" }], "attachments");
    expect(spy.mock.calls[0]![1]).toMatchObject({ redirect: "manual" });
  });

  it("gives each object its own unguessable key and keeps names apart from keys", async () => {
    const stored = await store(
      config(),
      [
        { fileName: "../../same", data: "" },
        { fileName: "same", data: "" },
      ],
      "attachments",
    );
    expect(stored.map((file) => file.fileName)).toEqual(["same", "same"]);
    expect(new Set(stored.map((file) => file.r2Key)).size).toBe(2);
    expect(stored.every((file) => !file.r2Key.includes("same"))).toBe(true);
  });
});

describe("storeAttachments: failing sources", () => {
  it.each([
    [
      "a body shorter than its Content-Length",
      () =>
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new Uint8Array(5));
              c.close();
            },
          }),
          { headers: { "content-length": "10" } },
        ),
    ],
    [
      "a body longer than its Content-Length",
      () =>
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new Uint8Array(20));
              c.close();
            },
          }),
          { headers: { "content-length": "10" } },
        ),
    ],
    [
      "a connection reset with a Content-Length",
      () => new Response(brokenBody(new Uint8Array(5), "error"), { headers: { "content-length": "10" } }),
    ],
    ["a connection reset without one", () => new Response(brokenBody(new Uint8Array(5), "error"))],
  ])("400 for %s, nothing stored", async (_name, answer) => {
    serveFiles({ "/f": answer });
    const result = await failure(
      store(
        config(),
        [
          { fileName: "a", data: btoa("first") },
          { fileName: "b", fileUrl: "https://files.example.com/f" },
        ],
        "attachments",
      ),
    );
    expect(result).toMatchObject({ status: 400, path: "attachments[1].fileUrl" });
    expect(await objects()).toEqual([]);
  });

  it.each([
    ["with a Content-Length", { "content-length": "10" }],
    ["without one", {}],
  ])("400 (timed out) for a body that stalls %s", async (_name, headers) => {
    serveFiles({ "/stall": () => new Response(brokenBody(new Uint8Array(5), "hang"), { headers }) });
    const started = Date.now();
    const result = await failure(
      store(
        config({ fileUrlTimeoutMs: 100 }),
        [{ fileName: "a", fileUrl: "https://files.example.com/stall" }],
        "attachments",
      ),
    );
    expect(result).toMatchObject({ status: 400, path: "attachments[0].fileUrl" });
    expect(result.message).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await objects()).toEqual([]);
  });

  it("counts the per-request total across fetched files, naming the limit", async () => {
    serveFiles({ "/800": () => new Response(new Uint8Array(800)) });
    const file = { fileName: "a", fileUrl: "https://files.example.com/800" };
    const error = await store(config(), [file, file], "attachments").catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(413);
    expect((error as ApiError).errors[0]).toMatchObject({
      path: "attachments[1].fileUrl",
      message: expect.stringMatching(/1500 bytes per request/),
    });
    expect(await objects()).toEqual([]);
  });
});

describe("storeAttachments: redirects", () => {
  it("follows a relative Location", async () => {
    serveFiles({
      "/old": () => new Response(null, { status: 301, headers: { location: "/new" } }),
      "/new": () => new Response("moved"),
    });
    const [stored] = await store(
      config(),
      [{ fileName: "a", fileUrl: "https://files.example.com/old" }],
      "attachments",
    );
    expect(await (await env.ATTACHMENTS.get(stored!.r2Key))!.text()).toBe("moved");
  });

  it.each([
    ["a private address in IPv6", "http://[fd00::1]/x", /refused after a redirect/],
    ["the metadata service", "http://169.254.169.254/latest/meta-data", /refused after a redirect/],
    ["another scheme", "file:///etc/passwd", /refused after a redirect/],
    ["credentials", "https://admin:secret@files.example.com/x", /refused after a redirect/],
    ["an invalid URL", "http://[oops", /invalid URL/],
  ])("400 for a redirect to %s, without fetching it", async (_name, location, message) => {
    const spy = serveFiles({ "/r": () => new Response(null, { status: 307, headers: { location } }) });
    const result = await failure(
      store(config(), [{ fileName: "a", fileUrl: "https://files.example.com/r" }], "attachments"),
    );
    expect(result).toMatchObject({ status: 400, path: "attachments[0].fileUrl" });
    expect(result.message).toMatch(message);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("gives up after 3 redirects", async () => {
    const spy = serveFiles({ "/loop": () => new Response(null, { status: 302, headers: { location: "/loop" } }) });
    const result = await failure(
      store(config(), [{ fileName: "a", fileUrl: "https://files.example.com/loop" }], "attachments"),
    );
    expect(result).toMatchObject({ status: 400, path: "attachments[0].fileUrl" });
    expect(result.message).toMatch(/redirected more than 3 times/);
    expect(spy).toHaveBeenCalledTimes(4);
  });
});
