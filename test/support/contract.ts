/**
 * Checks every response the tests see against the app's own OpenAPI document: the status must
 * be documented for the operation, and a JSON body must match the schema documented for that
 * status. Paths, or methods, that the document does not describe are checked only when they
 * answer an error, against the Error schema. Objects are closed: a field the document does not
 * name is a failure too, so the reference shows everything the API returns. The document is
 * fetched once per test file.
 * JSON Schema validation by @cfworker/json-schema, which runs inside workerd (no eval).
 */

import { exports } from "cloudflare:workers";
import { dereference, type OutputUnit, type Schema, validate } from "@cfworker/json-schema";

interface MediaType {
  schema?: Schema;
}
interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
interface Contract {
  document: Document;
  lookup: Record<string, Schema | boolean>;
  templates: { path: string; regex: RegExp; params: number }[];
}

export interface ObservedResponse {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

const BASE = "http://localhost:8787";
let contract: Promise<Contract> | undefined;

async function loadContract(): Promise<Contract> {
  const response = await exports.default.fetch(new Request(`${BASE}/api/openapi.json`));
  if (!response.ok) throw new Error(`contract: GET /api/openapi.json answered ${response.status}`);
  const document = (await response.json()) as Document;
  closeObjects(document);
  // Indexes every subschema by JSON pointer so `#/components/schemas/...` references resolve.
  const lookup = dereference(document as unknown as Schema);
  const templates = Object.keys(document.paths)
    .map((path) => ({
      path,
      regex: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^/}]+\}/g, "[^/]+")}$`),
      params: (path.match(/\{/g) ?? []).length,
    }))
    // A literal segment wins over a parameter (`/api/x/folders` before `/api/x/{id}`).
    .sort((a, b) => a.params - b.params);
  return { document, lookup, templates };
}

/**
 * Adds `additionalProperties: false` to every object schema that lists its properties and says
 * nothing about others, except the parts of an `allOf` that merges the fields of several parts
 * (each part sees only its own). `allOf: [{$ref}, {type: [object, null]}]` (a nullable
 * reference) merges nothing.
 */
function closeObjects(document: Document) {
  const open = new Set<unknown>();
  const fieldsOf = (part: Record<string, unknown>) => typeof part.$ref === "string" || "properties" in part;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== "object") return;
    const schema = node as Record<string, unknown>;
    const parts = Array.isArray(schema.allOf) ? (schema.allOf as Record<string, unknown>[]) : [];
    if (parts.filter(fieldsOf).length > 1) {
      for (const part of parts) open.add(typeof part.$ref === "string" ? part.$ref : part);
    }
    Object.values(schema).forEach(visit);
  };
  visit(document);
  const close = (node: unknown, pointer: string, inProperties = false): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        close(item, `${pointer}/${i}`);
      });
      return;
    }
    if (!node || typeof node !== "object") return;
    const schema = node as Record<string, unknown>;
    const listed = !inProperties && schema.properties && typeof schema.properties === "object";
    if (
      listed &&
      !("additionalProperties" in schema) &&
      !("unevaluatedProperties" in schema) &&
      !open.has(schema) &&
      !open.has(pointer)
    ) {
      schema.additionalProperties = false;
    }
    for (const [key, value] of Object.entries(schema)) {
      // Examples are data, not schemas; under `properties` every key is a field's schema.
      if (!inProperties && (key === "example" || key === "examples")) continue;
      close(value, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, !inProperties && key === "properties");
    }
  };
  close(document, "#");
}

const mediaType = (contentType: string | null) => contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
const isJson = (type: string) => type === "application/json" || type.endsWith("+json");

function describeErrors(errors: OutputUnit[]) {
  const leaves = errors.filter((e) => !/subschema|does not match schema|had errors/i.test(e.error));
  return (leaves.length ? leaves : errors)
    .slice(0, 8)
    .map((e) => `  at ${e.instanceLocation || "#"}: ${e.error} (${e.keywordLocation})`)
    .join("\n");
}

function checkBody(lookup: Contract["lookup"], schema: Schema, body: unknown, where: string) {
  const result = validate(body, schema, "2020-12", lookup, false);
  if (result.valid) return;
  const excerpt = JSON.stringify(body).slice(0, 600);
  throw new Error(
    `contract: ${where}: the body does not match the documented schema\n${describeErrors(result.errors)}\nbody: ${excerpt}`,
  );
}

/** Throws a readable error if the response breaks the document. */
export async function checkContract(method: string, path: string, response: ObservedResponse) {
  contract ??= loadContract();
  const { document, lookup, templates } = await contract;
  const verb = method.toUpperCase() === "HEAD" ? "get" : method.toLowerCase();
  const template = templates.find((t) => t.regex.test(path));
  const operation = template ? document.paths[template.path]?.[verb] : undefined;
  const type = mediaType(response.headers.get("content-type"));
  const where = `${method.toUpperCase()} ${path} -> ${response.status}`;

  if (!operation || !template) {
    if (response.status >= 400 && method.toUpperCase() !== "HEAD") {
      if (!isJson(type)) throw new Error(`contract: ${where}: an error must be a JSON error envelope, got "${type}"`);
      checkBody(lookup, document.components.schemas.Error!, response.json, `${where} (not in the document: Error)`);
    }
    return;
  }

  const documented = operation.responses[String(response.status)] ?? operation.responses.default;
  const name = `${verb.toUpperCase()} ${template.path}`;
  if (!documented) {
    const statuses = Object.keys(operation.responses).join(", ");
    throw new Error(
      `contract: ${where}: status ${response.status} is not documented for ${name} (documented: ${statuses})`,
    );
  }
  if (method.toUpperCase() === "HEAD") return;
  const content = documented.content ?? {};
  if (response.text === "") {
    const types = Object.keys(content);
    if (types.some(isJson))
      throw new Error(`contract: ${where}: ${name} documents a ${types.join(", ")} body but none came`);
    return;
  }
  if (!documented.content) {
    throw new Error(
      `contract: ${where}: ${name} documents no body for ${response.status}, got "${type}": ${response.text.slice(0, 300)}`,
    );
  }
  const media = content[type] ?? content[`${type.split("/")[0]}/*`] ?? content["*/*"];
  if (!media) {
    throw new Error(
      `contract: ${where}: ${name} documents ${Object.keys(content).join(", ")} for ${response.status}, got "${type}"`,
    );
  }
  if (isJson(type) && media.schema) checkBody(lookup, media.schema, response.json, `${where} (${name})`);
}
