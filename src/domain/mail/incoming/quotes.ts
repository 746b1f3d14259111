/**
 * The new part of a reply: the quoted history and signature blocks of the major clients cut
 * off, so a thread shows what the customer wrote this time (the raw message stays in R2).
 *
 * HTML, by the markers the clients write:
 * - Gmail: `div.gmail_quote` / `blockquote.gmail_quote` (and `gmail_quote_container`), `div.gmail_signature`
 * - Outlook (desktop, web, mobile): `div#divRplyFwdMsg`, `div#appendonsend`, `hr#stopSpelling`, and the
 *   "From:" header block, a div with a solid top border (`border-top:solid #E1E1E1` / `#B5C4DF`):
 *   everything from there on
 * - Apple Mail and Thunderbird: `blockquote[type=cite]`; Thunderbird's `div.moz-cite-prefix` and
 *   `div.moz-signature`; Yahoo's `div.yahoo_quoted`
 * Plain text: the attribution line ("On ... wrote:", also wrapped over two lines, and its French,
 * German, Spanish, Dutch and Portuguese forms), "-----Original Message-----", Outlook's
 * underscore rule or "From:" block, the "-- " signature separator, and the trailing `>` lines.
 *
 * A forward is kept whole (its quoted part is the point), and so is a message that would be
 * left empty.
 */

const CUT_HERE = ["div#divRplyFwdMsg", "div#appendonsend", "hr#stopSpelling", "div.moz-signature"];
const REMOVED = [
  "div.gmail_quote",
  "blockquote.gmail_quote",
  "div.gmail_quote_container",
  "div.gmail_signature",
  "div.gmail_extra",
  'blockquote[type="cite"]',
  "div.moz-cite-prefix",
  "div.yahoo_quoted",
];
const OUTLOOK_HEADER_BLOCK = /border-top\s*:\s*solid\s+#(e1e1e1|b5c4df)/i;

export const isForward = (subject: string) => /^\s*(fwd?|wg|tr|rv)\s*:/i.test(subject);

export async function stripQuotedHtml(html: string): Promise<string> {
  let cutting = false;
  const cut = (element: Element) => {
    cutting = true;
    element.remove();
  };
  let rewriter = new HTMLRewriter();
  for (const selector of CUT_HERE) rewriter = rewriter.on(selector, { element: cut });
  for (const selector of REMOVED) rewriter = rewriter.on(selector, { element: (element) => void element.remove() });
  rewriter = rewriter
    .on("div", {
      element(element) {
        if (cutting) return;
        if (OUTLOOK_HEADER_BLOCK.test(element.getAttribute("style") ?? "")) cut(element);
      },
    })
    .on("*", {
      element(element) {
        if (cutting) element.remove();
      },
    })
    .onDocument({
      text(text) {
        if (cutting) text.remove();
      },
    });
  const stripped = await rewriter.transform(new Response(html)).text();
  return hasText(stripped) ? stripped : html;
}

const hasText = (html: string) =>
  html
    .replace(/<(style|script|head)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<img\b/gi, "x<img")
    .replace(/<[^>]*>|&nbsp;|\s/gi, "") !== "";

const ATTRIBUTION = [
  /^on\b.{0,300}\bwrote:$/i,
  /^le\b.{0,300}\ba écrit\s?:$/i,
  /^am\b.{0,300}\bschrieb.{0,200}:$/i,
  /^el\b.{0,300}\bescribió:$/i,
  /^op\b.{0,300}\bschreef.{0,200}:$/i,
  /^em\b.{0,300}\bescreveu:$/i,
];
const SEPARATORS = [
  /^-{2,}\s*original message\s*-{2,}$/i,
  /^-{2,}\s*ursprüngliche nachricht\s*-{2,}$/i,
  /^_{20,}$/,
  /^-- ?$/,
  /^-{2,}\s*reply above this line\s*-{2,}$/i,
];
const HEADER_START = /^\*?(from|von|de)\s*:\*?\s/i;
const HEADER_NEXT = /^\*?(sent|date|to|gesendet|envoyé|enviado|subject)\s*:\*?\s/i;

export function stripQuotedText(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const joined = `${line} ${lines[i + 1]?.trim() ?? ""}`.trim();
    if (
      ATTRIBUTION.some((pattern) => pattern.test(line)) ||
      (!line.startsWith(">") &&
        ATTRIBUTION.some((pattern) => pattern.test(joined)) &&
        /^(on|le|am|el|op|em)\b/i.test(line)) ||
      SEPARATORS.some((pattern) => pattern.test(lines[i]!.trimEnd())) ||
      (HEADER_START.test(line) && lines.slice(i + 1, i + 4).some((next) => HEADER_NEXT.test(next.trim())))
    ) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end);
  // Trailing quoted lines (and blank lines between them) are history too.
  while (kept.length && (kept.at(-1)!.trim() === "" || kept.at(-1)!.trimStart().startsWith(">"))) kept.pop();
  const result = kept.join("\n").trim();
  return result === "" ? text.trim() : result;
}
