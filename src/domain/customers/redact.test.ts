import { describe, expect, it } from "vitest";
import { ERASED, redactor } from "./redact";

describe("redactor", () => {
  const redact = redactor({
    emails: ["will.smith@example.net"],
    phones: ["+1 (555) 010-0199"],
    firstName: "Will",
    lastName: "Smith",
  });

  it("erases emails case-insensitively, phones as written and names as whole words", () => {
    expect(redact("Hi Will Smith, WILL.SMITH@example.NET or +1 (555) 010-0199 will do.")).toBe(
      `Hi ${ERASED}, ${ERASED} or ${ERASED} will do.`,
    );
    expect(redact("Willow and Smithers stay; Will and Smith go.")).toBe(
      `Willow and Smithers stay; ${ERASED} and ${ERASED} go.`,
    );
  });

  it("leaves text without the person alone, and ignores one-letter names", () => {
    expect(redactor({ emails: [], phones: [], firstName: "J", lastName: null })("Just a note")).toBe("Just a note");
    expect(redact("Nothing here")).toBe("Nothing here");
  });
});
