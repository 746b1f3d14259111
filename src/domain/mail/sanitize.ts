/**
 * HTML from email, made safe to store and show: an allowlist of elements and attributes
 * applied by the Workers runtime's own HTMLRewriter (lol-html, a streaming HTML5 tokenizer).
 * No dependency and no DOM needed; it tokenizes as a browser does, so what it keeps is what a
 * browser would see. Scripts, styles, frames, forms, SVG/MathML and comments go with their
 * content; unknown elements are unwrapped (their text stays); event handlers and every
 * attribute off the list go; links keep http(s)/mailto/tel only; images load only from
 * `imagePrefixes` (our attachment links) or inline data, never from a remote server.
 */

const ALLOWED = new Set(
  (
    "a abbr address b bdi bdo big blockquote br caption center cite code col colgroup dd del dfn div dl dt em " +
    "font h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt ruby s samp small span strike strong sub " +
    "sup table tbody td tfoot th thead tr tt u ul var wbr"
  ).split(" "),
);

/** Removed with everything inside them. */
const DROPPED = new Set(
  (
    "script style head title iframe frame frameset object embed applet noscript noembed noframes template svg " +
    "math textarea select option optgroup button input link meta base xml plaintext xmp video audio canvas " +
    "source track picture portal dialog"
  ).split(" "),
);

const ATTRIBUTES = new Set(
  (
    "href src alt title width height align valign border cellpadding cellspacing colspan rowspan bgcolor color " +
    "face size dir lang style start type reversed span abbr scope headers cite datetime"
  ).split(" "),
);

const SAFE_LINK = /^(https?:|mailto:|tel:)/i;
const INLINE_IMAGE = /^data:image\/(png|gif|jpe?g|webp);base64,[a-z0-9+/=\s]+$/i;
/** CSS that loads or runs something. */
const UNSAFE_STYLE = /url\s*\(|expression\s*\(|@import|behavior\s*:|-moz-binding|javascript:|\\/i;

export interface SanitizeOptions {
  /** URL prefixes images may load from (our attachment links). */
  imagePrefixes?: string[];
}

export async function sanitizeHtml(html: string, options: SanitizeOptions = {}): Promise<string> {
  const prefixes = options.imagePrefixes ?? [];
  const rewriter = new HTMLRewriter()
    .on("*", {
      element(element) {
        const tag = element.tagName.toLowerCase();
        if (DROPPED.has(tag)) {
          element.remove();
          return;
        }
        if (!ALLOWED.has(tag)) {
          element.removeAndKeepContent();
          return;
        }
        for (const [name = "", rawValue = ""] of [...element.attributes]) {
          const value = rawValue.trim();
          const keep =
            ATTRIBUTES.has(name) &&
            !(name === "style" && UNSAFE_STYLE.test(value)) &&
            !(name === "href" && (tag !== "a" || !SAFE_LINK.test(value))) &&
            !(name === "cite" && !SAFE_LINK.test(value)) &&
            !(name === "src" && (tag !== "img" || !imageAllowed(value, prefixes)));
          if (!keep) element.removeAttribute(name);
        }
        if (tag === "img" && !element.hasAttribute("src")) {
          element.remove();
          return;
        }
        if (tag === "a" && element.hasAttribute("href")) {
          element.setAttribute("target", "_blank");
          element.setAttribute("rel", "noopener noreferrer nofollow");
        }
      },
    })
    .onDocument({
      comments(comment) {
        comment.remove();
      },
      doctype() {},
    });
  return (await rewriter.transform(new Response(html)).text()).trim();
}

function imageAllowed(src: string, prefixes: string[]) {
  if (INLINE_IMAGE.test(src)) return true;
  return prefixes.some((prefix) => src.startsWith(prefix));
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/** Plain text as HTML: escaped, paragraphs and line breaks kept, links left as text. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .trim()
    .split(/\n{2,}/)
    .filter((part) => part.trim() !== "")
    .map((part) => `<p>${escapeHtml(part).replace(/\n/g, "<br>")}</p>`)
    .join("");
}
