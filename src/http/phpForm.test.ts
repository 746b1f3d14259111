import { describe, expect, it } from "vitest";
import {
  fieldPath,
  MAX_DEPTH,
  MAX_FIELDS,
  PhpFormError,
  parseFormData,
  parsePhpParams,
  parseUrlEncoded,
} from "./phpForm";

describe("fieldPath", () => {
  it("splits a name into its bracket segments", () => {
    expect(fieldPath("subject")).toEqual(["subject"]);
    expect(fieldPath("threads[0][text]")).toEqual(["threads", "0", "text"]);
    expect(fieldPath("tags[]")).toEqual(["tags", ""]);
  });

  it("reads malformed brackets as PHP does", () => {
    // The first "[" without "]" becomes "_", the rest of the name is kept.
    expect(fieldPath("a[b")).toEqual(["a_b"]);
    // After a well-formed segment, anything that is not another segment is ignored.
    expect(fieldPath("a[b]c[d]")).toEqual(["a", "b"]);
    expect(fieldPath("a[b][c")).toEqual(["a", "b"]);
    // No name, no field.
    expect(fieldPath("")).toBeNull();
    expect(fieldPath("[a]")).toBeNull();
    expect(fieldPath("[a")).toBeNull();
  });
});

describe("parsePhpParams", () => {
  it("builds nested objects and lists", () => {
    const parsed = parseUrlEncoded(
      "type=email&mailboxId=1&customer[email]=Ann%40Example.org&threads[0][type]=customer&threads[0][text]=Hi+there&threads[1][text]=Older&tags[]=a&tags[]=b",
    );
    expect(parsed).toEqual({
      type: "email",
      mailboxId: "1",
      customer: { email: "Ann@Example.org" },
      threads: [{ type: "customer", text: "Hi there" }, { text: "Older" }],
      tags: ["a", "b"],
    });
  });

  it("orders numeric keys as PHP's foreach walks them and closes gaps", () => {
    expect(parseUrlEncoded("a[2]=z&a[0]=x&a[10]=y")).toEqual({ a: ["x", "z", "y"] });
    // [] after explicit indexes appends after the largest one.
    expect(parseUrlEncoded("a[5]=x&a[]=y")).toEqual({ a: ["x", "y"] });
  });

  it("keeps an object when keys are not all indexes", () => {
    expect(parseUrlEncoded("a[0]=x&a[b]=y")).toEqual({ a: { "0": "x", b: "y" } });
    expect(parseUrlEncoded("a[-1]=x")).toEqual({ a: { "-1": "x" } });
    expect(parseUrlEncoded("a[01]=x")).toEqual({ a: { "01": "x" } });
  });

  it("keeps the last value of a repeated name, and a later nested name replaces a scalar", () => {
    expect(parseUrlEncoded("a=1&a=2")).toEqual({ a: "2" });
    expect(parseUrlEncoded("a=1&a[b]=2")).toEqual({ a: { b: "2" } });
    expect(parseUrlEncoded("a[b]=2&a=1")).toEqual({ a: "1" });
  });

  it("reads a query string with its question mark and empty values", () => {
    expect(parseUrlEncoded("?x=&y")).toEqual({ x: "", y: "" });
  });

  it("refuses prototype keys anywhere in a name", () => {
    for (const name of ["__proto__[polluted]", "a[__proto__][x]", "a[constructor][prototype]", "prototype"]) {
      expect(() => parsePhpParams([[name, "1"]]), name).toThrow(PhpFormError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses more fields or deeper brackets than the limits", () => {
    const many = Array.from({ length: MAX_FIELDS + 1 }, (_, i) => [`f${i}`, "x"] as const);
    expect(() => parsePhpParams(many)).toThrow(/More than 1000 fields/);
    expect(() => parsePhpParams(many.slice(0, MAX_FIELDS))).not.toThrow();
    const deep = `a${"[x]".repeat(MAX_DEPTH + 1)}`;
    expect(() => parsePhpParams([[deep, "1"]])).toThrow(/levels of brackets/);
    expect(() => parsePhpParams([[`a${"[x]".repeat(MAX_DEPTH)}`, "1"]])).not.toThrow();
  });

  it("reads the text fields of a multipart form and leaves files out", () => {
    const form = new FormData();
    form.append("customer[firstName]", "Ann");
    form.append("threads[0][text]", "Hello");
    form.append("upload", new File(["x"], "x.txt"));
    expect(parseFormData(form)).toEqual({ customer: { firstName: "Ann" }, threads: [{ text: "Hello" }] });
  });
});
