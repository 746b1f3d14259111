import { describe, expect, it } from "vitest";
import { documentedExamples } from "./apiDocument";

describe("the API document parser", () => {
  it("finds the 23 endpoints with their examples", () => {
    const examples = documentedExamples();
    expect(examples).toHaveLength(23);
    const byEndpoint = Object.fromEntries(examples.map((e) => [e.endpoint, e]));
    expect(byEndpoint["PUT api/conversations/{conversationId}"]).toMatchObject({
      method: "PUT",
      url: "/api/conversations/1",
      body: { byUser: 33, status: "active", assignTo: 15, mailboxId: 1, customerId: 7, subject: 0 },
      status: 204,
    });
    expect(byEndpoint["POST api/users"]).toMatchObject({ status: 201, resourceId: true, title: "Create User" });
    expect(byEndpoint["GET api/mailboxes/{mailboxId}/custom_fields"]?.responseJson).toHaveProperty(
      "_embedded.custom_fields",
    );
    expect(new Set(examples.map((e) => e.title)).size).toBe(23);
    expect(byEndpoint["GET api/mailboxes/{mailboxId}/custom_fields"]?.title).toBe("List Mailbox Custom Fields");
  });
});
