import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { lenientInput } from "./lenientInput";

const Body = z.object({
  mailboxId: z.number().int(),
  subject: z.string().optional(),
  firstName: z.string().nullish(),
  imported: z.boolean().optional(),
  phone: z.string().optional(),
  customer: z.preprocess((v) => v, z.object({ id: z.number().optional(), email: z.string().optional() })).optional(),
  threads: z.array(z.object({ text: z.string(), user: z.number().optional() })).optional(),
  tags: z.union([z.array(z.string()), z.string()]).optional(),
});

describe("lenientInput", () => {
  it("drops an empty string or null where the field does not take it, keeps it where it does", () => {
    expect(lenientInput(Body, { mailboxId: 1, imported: "", customer: null, firstName: null, subject: "" })).toEqual({
      mailboxId: 1,
      firstName: null,
      subject: "",
    });
  });

  it("reads the strings of a form as the numbers and booleans the schema asks for", () => {
    const input = {
      mailboxId: "7",
      imported: "1",
      phone: 12345,
      customer: { id: "3" },
      threads: [{ text: "Hi", user: "2" }, { text: 5 }],
    };
    const read = lenientInput(Body, input);
    expect(read).toEqual({
      mailboxId: 7,
      imported: true,
      phone: "12345",
      customer: { id: 3 },
      threads: [{ text: "Hi", user: 2 }, { text: "5" }],
    });
    expect(Body.safeParse(read).success).toBe(true);
  });

  it("leaves values the schema takes as they are, and values no reading fixes", () => {
    const valid = { mailboxId: 1, subject: "123", phone: "0042", tags: ["1"] };
    expect(lenientInput(Body, valid)).toEqual(valid);
    // A number in a list of texts stays a number (FreeScout skips such entries, it does not cast them).
    expect(lenientInput(Body, { mailboxId: 1, tags: [1, "a"] })).toEqual({ mailboxId: 1, tags: [1, "a"] });
    expect(lenientInput(Body, { mailboxId: "abc", imported: "maybe" })).toEqual({
      mailboxId: "abc",
      imported: "maybe",
    });
  });

  it("keeps unknown keys and non-object bodies for the schema to judge", () => {
    expect(lenientInput(Body, { mailboxId: 1, api_key: "x" })).toEqual({ mailboxId: 1, api_key: "x" });
    expect(lenientInput(Body, [1])).toEqual([1]);
    expect(lenientInput(Body, null)).toBeNull();
  });
});
