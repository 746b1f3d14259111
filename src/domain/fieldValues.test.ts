import { describe, expect, it } from "vitest";
import { ApiError } from "../lib/errors";
import { presentFieldValues } from "../present/fieldValues";
import { type FieldDefinition, validateFieldValues } from "./fieldValues";

const defs: FieldDefinition[] = [
  { id: 18, name: "Priority", type: "dropdown", options: { "1": "Low", "2": "Medium", "3": "High" } },
  { id: 19, name: "Purchase Date", type: "date", options: null },
  { id: 37, name: "Vendor", type: "singleline", options: null },
  { id: 39, name: "Amount", type: "number", options: null },
];

function errorsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error.errors;
    throw error;
  }
  throw new Error("expected a validation error");
}

describe("field values", () => {
  it("accepts each type and stores text", () => {
    const values = validateFieldValues(
      defs,
      [
        { id: 18, value: 3 },
        { id: 19, value: "2020-03-16" },
        { id: 37, value: "Some text" },
        { id: 39, value: "7.5" },
      ],
      "customFields",
    );
    expect(values).toEqual([
      { fieldId: 18, value: "3" },
      { fieldId: 19, value: "2020-03-16" },
      { fieldId: 37, value: "Some text" },
      { fieldId: 39, value: "7.5" },
    ]);
    expect(presentFieldValues(defs, values.slice(0, 1))).toEqual([
      { id: 18, name: "Priority", value: "3", text: "High" },
    ]);
  });

  it("names every bad entry by its index", () => {
    const errors = errorsOf(() =>
      validateFieldValues(
        defs,
        [
          { id: 18, value: 4 },
          { id: 99, value: "x" },
          { id: 19, value: "2020-02-30" },
          { id: 39, value: "seven" },
        ],
        "customFields",
      ),
    );
    expect(errors.map((e) => [e.path, e.rejectedValue])).toEqual([
      ["customFields[0].value", 4],
      ["customFields[1].id", 99],
      ["customFields[2].value", "2020-02-30"],
      ["customFields[3].value", "seven"],
    ]);
  });
});
