/** What `npm run dev` shows of wrangler's output, and the banner it prints instead. */

export const DEMO_KEY = "c2ba609c687a3425402b9d881e5075db";

/** Lines that open a block of chatter: the block runs over its indented and blank lines. */
const NOISE_BLOCKS = [
  /^Your Worker has access to the following bindings/,
  /Unable to fetch the `Request\.cf` object/,
  /\[WARNING\] Scheduled Workers are not automatically triggered/,
];

const NOISE = [
  /^\s*⛅️ wrangler/,
  /^─+$/,
  /^\[custom build\]/,
  /^❓ Your types might be out of date/,
  /^⎔ (Starting|Reloading) local server/,
  /^⎔ (Connection status updated|Local server updated and ready)/,
  /^\[wrangler:info\] ✨ Parsed \d+ valid header rule/,
  /^The file .* changed, restarting build/,
  /^🪵\s+Logs were written/,
  /^Using (secrets|vars) defined in \.dev\.vars/,
  /^\s*$/,
];

export const startsNoiseBlock = (line: string) => NOISE_BLOCKS.some((pattern) => pattern.test(line));
export const isNoise = (line: string) => NOISE.some((pattern) => pattern.test(line));

export function bannerLines(origin: string): string[] {
  return [
    "",
    `FreeScout-compatible API on ${origin}  (Ctrl-C stops; npm run dev -- --reset starts from fresh demo data)`,
    `  API          ${origin}/api   demo key ${DEMO_KEY}`,
    `  Reference    ${origin}/api/docs`,
    `  Try          curl -s ${origin}/api/conversations/1 -H "X-FreeScout-API-Key: ${DEMO_KEY}"`,
    "  Webhooks     may call loopback receivers here; failed deliveries retry after 2, 4, 8... seconds",
    "  Email        replies are simulated: each is logged (from, to, subject) with the files holding its text and HTML",
    "",
  ];
}

export type DevLine = { kind: "banner"; lines: string[] } | { kind: "show"; line: string } | { kind: "hide" };

/** A filter over wrangler dev's lines (stdout and stderr alike): what to hide, show or announce. */
export function createDevFilter(): (line: string) => DevLine {
  let skipping = false;
  let announced = false;
  return (line) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
    const plain = line.replace(/\x1b\[[0-9;]*m/g, "");
    const ready = plain.match(/Ready on (https?:\/\/\S+)/);
    if (ready?.[1]) {
      if (announced) return { kind: "hide" };
      announced = true;
      return { kind: "banner", lines: bannerLines(ready[1]) };
    }
    if (startsNoiseBlock(plain)) {
      skipping = true;
      return { kind: "hide" };
    }
    if (skipping && (plain.trim() === "" || /^\s|^(env\.|Binding\s|Error: getaddrinfo)/.test(plain))) {
      return { kind: "hide" };
    }
    skipping = false;
    if (isNoise(plain)) return { kind: "hide" };
    return { kind: "show", line: plain.replace(/^\[wrangler:info\] /, "") };
  };
}
