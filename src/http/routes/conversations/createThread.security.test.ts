/** An attachment's fileUrl is fetched by the Worker: it may not reach this network or its metadata service. */
import { env } from "cloudflare:test";
import { errorsOf, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

beforeEach(resetToDemoData);
afterEach(() => vi.restoreAllMocks());

/** Objects besides the demo conversation's seeded attachment. */
const objectCount = async () => (await env.ATTACHMENTS.list()).objects.filter((o) => !o.key.startsWith("seed/")).length;

const withFile = (fileUrl: string) => ({
  type: "note",
  text: "see attached",
  user: 7,
  attachments: [{ fileName: "a.txt", fileUrl }],
});

describe("Create Thread: attachment fileUrl", () => {
  it.each([
    ["loopback", "http://127.0.0.1/secret"],
    ["a private network", "http://10.0.0.5/file"],
    ["the metadata service", "http://169.254.169.254/latest/meta-data/"],
    ["localhost by name", "http://localhost:8787/api/users"],
    ["another scheme", "file:///etc/passwd"],
  ])("refuses %s without fetching it, and writes nothing", async (_name, fileUrl) => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const res = await post("/api/conversations/1/threads", withFile(fileUrl));
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]).toMatchObject({ path: "attachments[0].fileUrl", source: "JSON" });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect((await get("/api/conversations/1")).json.threadsCount).toBe(4);
    expect(await objectCount()).toBe(0);
  });

  it("refuses a redirect to a private address", async () => {
    vi.spyOn(globalThis, "fetch").mockResolvedValue(
      new Response(null, { status: 302, headers: { location: "http://192.168.1.1/admin" } }),
    );
    const res = await post("/api/conversations/1/threads", withFile("https://files.example.com/moved"));
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0]!.message).toMatch(/after a redirect/);
    expect(await objectCount()).toBe(0);
  });
});
