import { describe, expect, it } from "vitest";
import { compareShape, OpenApiSchemas } from "./shape";

const schemas = new OpenApiSchemas({
  paths: {},
  components: {
    schemas: {
      Item: {
        type: "object",
        properties: {
          id: { type: "integer" },
          name: { type: ["string", "null"] },
          tags: { type: "array", items: { $ref: "#/components/schemas/Tag" } },
          extra: { type: "string" },
        },
      },
      Tag: { type: "object", properties: { id: { type: "integer" }, label: { type: "string" } } },
    },
  },
});
const item = { $ref: "#/components/schemas/Item" };
const example = { id: 1, name: "x", tags: [{ id: 1, label: "a" }] };

describe("compareShape", () => {
  it("accepts the same shape, declared additions and declared nulls", () => {
    expect(
      compareShape(example, { id: 2, name: null, tags: [{ id: 3, label: "b" }], extra: "y" }, item, schemas),
    ).toEqual([]);
  });

  it("reports missing keys, other types, undeclared additions and nulls the schema does not allow", () => {
    expect(
      compareShape(example, { id: "2", tags: [{ id: null, label: "b", color: 1 }], secret: true }, item, schemas),
    ).toEqual([
      "id: number expected, got string",
      "name: missing",
      "tags[0].id: number expected, got null",
      "tags[0].color: added but not declared in the OpenAPI document",
      "secret: added but not declared in the OpenAPI document",
    ]);
  });

  it("reports a list of objects that is never seen with items", () => {
    expect(compareShape(example, { id: 2, name: "n", tags: [] }, item, schemas)).toEqual([
      "tags: the example has items, the response none (nothing to compare)",
    ]);
  });
});
