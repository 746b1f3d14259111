import { describe, expect, it } from "vitest";
import { AttachmentInput } from "./schemas";

describe("AttachmentInput", () => {
  it("defaults mimeType and wants exactly one of data and fileUrl", () => {
    expect(AttachmentInput.parse({ fileName: "a", data: "" })).toEqual({
      fileName: "a",
      data: "",
      mimeType: "application/octet-stream",
    });
    const both = AttachmentInput.safeParse({ fileName: "a", data: "", fileUrl: "https://x.example.com/" });
    expect(both.success ? [] : both.error.issues.map((issue) => issue.path.join("."))).toEqual(["fileUrl"]);
    const neither = AttachmentInput.safeParse({ fileName: "a" });
    expect(neither.success ? [] : neither.error.issues.map((issue) => issue.path.join("."))).toEqual(["data"]);
    expect(AttachmentInput.safeParse({ data: "" }).success).toBe(false);
  });
});
