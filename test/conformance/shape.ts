/**
 * Compares a response with the API document's example: every key of the example is there,
 * recursively, with the same JSON type (arrays element by element); anything the response
 * adds must be declared by the OpenAPI document; a null where the example has a value must
 * be allowed (nullable) by it.
 */
type Schema = Record<string, unknown>;

export class OpenApiSchemas {
  constructor(
    private readonly document: {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
      >;
      components: { schemas: Record<string, Schema> };
    },
  ) {}

  /** The JSON schema of an operation's response, by method, concrete path and status. */
  responseSchema(method: string, path: string, status: number): Schema | undefined {
    for (const [template, operations] of Object.entries(this.document.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      if (!pattern.test(path)) continue;
      return operations[method.toLowerCase()]?.responses[String(status)]?.content?.["application/json"]?.schema;
    }
    return undefined;
  }

  resolve(schema: Schema | undefined): Schema[] {
    if (!schema) return [];
    if (typeof schema.$ref === "string") {
      return this.resolve(this.document.components.schemas[schema.$ref.replace("#/components/schemas/", "")]);
    }
    const variants = (schema.anyOf ?? schema.oneOf ?? schema.allOf) as Schema[] | undefined;
    return variants ? variants.flatMap((variant) => this.resolve(variant)) : [schema];
  }

  allowsNull(schema: Schema | undefined): boolean {
    return this.resolve(schema).some(
      (s) => s.type === "null" || (Array.isArray(s.type) && s.type.includes("null")) || s.nullable === true,
    );
  }

  property(schema: Schema | undefined, key: string): Schema | undefined {
    for (const variant of this.resolve(schema)) {
      const properties = variant.properties as Record<string, Schema> | undefined;
      if (properties && key in properties) return properties[key];
    }
    return undefined;
  }

  items(schema: Schema | undefined): Schema | undefined {
    return this.resolve(schema)
      .map((s) => s.items as Schema | undefined)
      .find(Boolean);
  }
}

const kind = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/**
 * An empty list in the response is fine where another item of the response shows the same
 * list with items (not every thread has attachments); a list never seen with items is a problem.
 */
export function compareShape(
  example: unknown,
  actual: unknown,
  schema: Schema | undefined,
  schemas: OpenApiSchemas,
  exempt: ReadonlySet<string> = new Set(),
): string[] {
  const lists = { seen: new Set<string>(), empty: new Set<string>() };
  const problems = compare(example, actual, schema, schemas, exempt, "", lists);
  for (const path of lists.empty) {
    if (!lists.seen.has(path)) problems.push(`${path}: the example has items, the response none (nothing to compare)`);
  }
  return problems;
}

function compare(
  example: unknown,
  actual: unknown,
  schema: Schema | undefined,
  schemas: OpenApiSchemas,
  exempt: ReadonlySet<string>,
  path: string,
  lists: { seen: Set<string>; empty: Set<string> },
): string[] {
  if (exempt.has(path)) return [];
  if (example === null) return [];
  if (actual === null || actual === undefined) {
    return actual === null && schemas.allowsNull(schema)
      ? []
      : [`${path || "(root)"}: ${kind(example)} expected, got ${kind(actual)}`];
  }
  if (kind(example) !== kind(actual)) return [`${path || "(root)"}: ${kind(example)} expected, got ${kind(actual)}`];
  if (Array.isArray(example)) {
    const list = actual as unknown[];
    if (example.length === 0) return [];
    const objects = typeof example[0] === "object" && example[0] !== null;
    const general = path.replace(/\[\d+\]/g, "[]");
    if (list.length === 0) {
      if (objects) lists.empty.add(general);
      return [];
    }
    lists.seen.add(general);
    // Item i against the example's item i (or its last): lists such as custom fields mix kinds.
    return list.flatMap((item, i) =>
      compare(
        example[Math.min(i, example.length - 1)],
        item,
        schemas.items(schema),
        schemas,
        exempt,
        `${path}[${i}]`,
        lists,
      ),
    );
  }
  if (typeof example === "object") {
    const expected = example as Record<string, unknown>;
    const got = actual as Record<string, unknown>;
    const problems: string[] = [];
    for (const key of Object.keys(expected)) {
      const at = path ? `${path}.${key}` : key;
      if (exempt.has(at)) continue;
      if (!(key in got)) problems.push(`${at}: missing`);
      else
        problems.push(...compare(expected[key], got[key], schemas.property(schema, key), schemas, exempt, at, lists));
    }
    for (const key of Object.keys(got)) {
      if (!(key in expected) && !schemas.property(schema, key))
        problems.push(`${path ? `${path}.` : ""}${key}: added but not declared in the OpenAPI document`);
    }
    return problems;
  }
  return [];
}
