import { z } from "@hono/zod-openapi";
import { findSignedAttachment, readAttachmentObject } from "../../../domain/attachments/download";
import { ApiError, notFound } from "../../../lib/errors";
import { defineRoute, ErrorSchema, jsonContent } from "../../../lib/openapi";
import type { Handler } from "../types";

const file = z.string().openapi({ format: "binary" });
const segment = (name: string) => z.string().openapi({ param: { name, in: "path" } });

export const route = defineRoute({
  method: "get",
  path: "/storage/attachment/{a}/{b}/{c}/{fileName}",
  tags: ["Threads"],
  summary: "Download Attachment",
  description:
    "The `fileUrl` of an attachment. The token (an HMAC of the attachment with the server's secret) is the credential: no API key. Supports HEAD and a single byte Range.",
  security: [],
  request: {
    params: z.object({ a: segment("a"), b: segment("b"), c: segment("c"), fileName: segment("fileName") }),
    // Anything wrong with these is a 404, as for a wrong token: no hint what was wrong.
    query: z.object({ id: z.string().optional(), token: z.string().optional() }),
  },
  responses: {
    200: { description: "The file, with the type it was stored with", content: { "*/*": { schema: file } } },
    206: { description: "The requested range", content: { "*/*": { schema: file } } },
    416: { ...jsonContent(ErrorSchema, "Range not satisfiable (Content-Range gives the size)") },
  },
});

/** `bytes=start-end`, `bytes=start-` or `bytes=-suffix` within `size`; null if unsatisfiable. */
export function parseRange(header: string, size: number): { offset: number; length: number } | null | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  if (match[1] === "") {
    const suffix = Math.min(Number(match[2]), size);
    return suffix > 0 ? { offset: size - suffix, length: suffix } : null;
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start < size && start <= end ? { offset: start, length: end - start + 1 } : null;
}

/** RFC 6266: an ASCII fallback and the exact name, so no header injection and no path. */
export const contentDisposition = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export const handler: Handler<typeof route> = async (c) => {
  const query = c.req.valid("query");
  const id = /^\d{1,15}$/.test(query.id ?? "") ? Number(query.id) : 0;
  const token = query.token ?? "";
  const row = await findSignedAttachment(c.var.services, { id, token });
  if (!row) throw notFound("id", query.id ?? null, "QUERY");
  const rangeHeader = c.req.header("Range");
  const range = rangeHeader ? parseRange(rangeHeader, row.size) : undefined;
  if (range === null) {
    throw new ApiError(
      416,
      [{ path: "Range", message: "Range not satisfiable", rejectedValue: rangeHeader, source: "HEADER" }],
      {
        "Content-Range": `bytes */${row.size}`,
      },
    );
  }
  // Hono answers HEAD with the GET route; only the object's existence is needed then.
  const object = await readAttachmentObject(c.var.services, row, { headOnly: c.req.method === "HEAD", range });
  if (!object) throw notFound("id", id, "QUERY");
  const body = "body" in object ? (object as R2ObjectBody).body : null;
  const headers: Record<string, string> = {
    "Content-Type": row.mimeType,
    "Content-Length": String(range ? range.length : row.size),
    "Content-Disposition": contentDisposition(row.fileName),
    "X-Content-Type-Options": "nosniff",
    // The file is the client's content on the API's origin: never let it run as a page.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, max-age=3600",
  };
  if (range) headers["Content-Range"] = `bytes ${range.offset}-${range.offset + range.length - 1}/${row.size}`;
  const status = range ? 206 : 200;
  return (body ? c.body(body, status, headers) : c.body(null, status, headers)) as never;
};
