/**
 * Which URLs the Worker may fetch on a client's behalf (attachment `fileUrl`, webhook URLs):
 * http(s) only, no credentials, and, unless configuration allows it (local development),
 * no loopback, private, link-local, CGNAT, multicast or unspecified addresses in any
 * spelling the URL parser accepts (it normalises decimal, hex and octal IPv4 forms).
 * A hostname is not resolved here; production Workers cannot reach private networks.
 */
export type OutboundCheck = { ok: true; url: URL } | { ok: false; reason: string };

export interface OutboundPolicy {
  allowPrivateNetworks: boolean;
}

const ipv4Blocked: [number, number][] = [
  [0x00000000, 8], // 0.0.0.0/8 "this network"
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 CGNAT
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local (cloud metadata)
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // 192.0.0/24 IETF protocol assignments
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xe0000000, 4], // 224/4 multicast
  [0xf0000000, 4], // 240/4 reserved and broadcast
];

function parseIpv4(host: string): number | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

const ipv4IsPrivate = (address: number) =>
  ipv4Blocked.some(([base, bits]) => {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return (address & mask) >>> 0 === base;
  });

/** Eight 16-bit groups; the URL parser has already turned any dotted tail into hex. */
function ipv6Groups(address: string): number[] | null {
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 0) return null;
  const groups = [...left, ...Array(tail === undefined ? 0 : missing).fill("0"), ...right].map((g) => parseInt(g, 16));
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function ipv6IsPrivate(host: string): boolean {
  const groups = ipv6Groups(host.replace(/^\[|\]$/g, "").toLowerCase());
  if (!groups) return true;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const embeddedV4 = (g6 * 65536 + g7) >>> 0;
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroPrefix && g5 === 0) return g6 === 0 ? g7 <= 1 || ipv4IsPrivate(embeddedV4) : ipv4IsPrivate(embeddedV4); // ::, ::1, ::a.b.c.d
  if (zeroPrefix && g5 === 0xffff) return ipv4IsPrivate(embeddedV4); // ::ffff:a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b) return ipv4IsPrivate(embeddedV4); // NAT64 64:ff9b::/96
  if ((g0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g0 & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  return false;
}

export function hostIsPrivate(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal")) {
    return true;
  }
  if (host.startsWith("[")) return ipv6IsPrivate(host);
  const v4 = parseIpv4(host);
  return v4 !== null && ipv4IsPrivate(v4);
}

export function checkOutboundUrl(raw: string, policy: OutboundPolicy): OutboundCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "must be an absolute http or https URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, reason: "must use http or https" };
  if (url.username || url.password) return { ok: false, reason: "must not contain credentials" };
  if (!url.hostname) return { ok: false, reason: "must name a host" };
  if (!policy.allowPrivateNetworks && hostIsPrivate(url.hostname)) {
    return { ok: false, reason: "must not point to a loopback, private or link-local address" };
  }
  return { ok: true, url };
}
