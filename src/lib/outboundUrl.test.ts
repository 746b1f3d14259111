import { describe, expect, it } from "vitest";
import { checkOutboundUrl } from "./outboundUrl";

const strict = { allowPrivateNetworks: false };

describe("checkOutboundUrl", () => {
  it.each([
    "https://example.org/uploads/file2.txt",
    "http://93.184.216.34/x",
    "https://[2606:4700::6810:85e5]/",
    "https://172.32.0.1/",
    "https://sub.example.com:8443/path?q=1",
  ])("allows public %s", (url) => {
    expect(checkOutboundUrl(url, strict).ok).toBe(true);
  });

  it.each([
    ["ftp://example.org/file", "http or https"],
    ["file:///etc/passwd", "http or https"],
    ["javascript:alert(1)", "http or https"],
    ["https://user:pass@example.org/", "credentials"],
    ["not a url", "absolute"],
    ["http://localhost:8787/", "loopback"],
    ["http://api.localhost/", "loopback"],
    ["http://127.0.0.1/", "loopback"],
    ["http://127.1/", "loopback"],
    ["http://2130706433/", "loopback"],
    ["http://0x7f000001/", "loopback"],
    ["http://0177.0.0.1/", "loopback"],
    ["http://0.0.0.0/", "loopback"],
    ["http://10.1.2.3/", "private"],
    ["http://172.16.0.1/", "private"],
    ["http://192.168.1.1/", "private"],
    ["http://100.64.0.1/", "private"],
    ["http://169.254.169.254/latest/meta-data/", "link-local"],
    ["http://[::1]/", "loopback"],
    ["http://[::]/", "loopback"],
    ["http://[::ffff:127.0.0.1]/", "loopback"],
    ["http://[::ffff:a9fe:a9fe]/", "loopback"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[fd00::1]/", "private"],
    ["http://[64:ff9b::10.0.0.1]/", "private"],
    ["http://224.0.0.1/", "private"],
    ["http://localhost./", "loopback"],
  ])("refuses %s", (url, reason) => {
    const check = checkOutboundUrl(url, strict);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });

  it("allows loopback when configuration allows private networks (development)", () => {
    expect(checkOutboundUrl("http://127.0.0.1:9999/hook", { allowPrivateNetworks: true }).ok).toBe(true);
    expect(checkOutboundUrl("ftp://127.0.0.1/", { allowPrivateNetworks: true }).ok).toBe(false);
  });
});
