/**
 * npm run mail -- receive <file.eml> --to <address> [--from <address>] [--url <origin>]
 *
 * Posts a message file to `wrangler dev`'s local Email Routing endpoint
 * (/cdn-cgi/handler/email), which runs the Worker's email() handler as a delivery would.
 */
import { readFileSync } from "node:fs";

const HELP = `Deliver an email to the Worker running under npm run dev.

  npm run mail -- receive <file.eml> --to <address> [--from <address>] [--url <origin>]

  --to    envelope recipient, e.g. support@support.example.org (the demo mailbox)
  --from  envelope sender; default: the address in the message's From header
  --url   where npm run dev listens; default http://localhost:8787
Exit status: 0 delivered, 1 rejected or failed, 2 usage.`;

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const [command, file] = args;
if (command !== "receive" || !file || !option("--to") || args.includes("--help")) {
  console.log(HELP);
  process.exit(args.includes("--help") ? 0 : 2);
}

const raw = readFileSync(file, "utf8").replace(/\r?\n/g, "\r\n");
const fromHeader = /^From:.*?<?([^\s<>"]+@[^\s<>"]+)>?\s*$/im.exec(raw)?.[1];
const url = new URL("/cdn-cgi/handler/email", option("--url") ?? "http://localhost:8787");
url.searchParams.set("from", option("--from") ?? fromHeader ?? "sender@example.com");
url.searchParams.set("to", option("--to")!);

try {
  const response = await fetch(url, { method: "POST", body: raw });
  const text = (await response.text()).trim();
  if (!response.ok) {
    console.error(`Not delivered (${response.status}): ${text || response.statusText}`);
    process.exit(1);
  }
  console.log(`Delivered ${file} to ${url.searchParams.get("to")}${text ? `: ${text}` : ""}`);
} catch (error) {
  console.error(`Cannot reach ${url.origin}: is npm run dev running? (${(error as Error).message})`);
  process.exit(1);
}
