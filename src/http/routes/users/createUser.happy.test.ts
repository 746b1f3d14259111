import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create User", () => {
  it("creates the document's example user", async () => {
    const res = await post("/api/users", {
      firstName: "John",
      lastName: "Doe",
      email: "johndoe@example.org",
      password: "123456789",
      alternateEmails: "johndoe777@example.org",
      jobTitle: "Support agent",
      phone: "777-777-777",
      timezone: "Europe/Paris",
      photoUrl: "https://example.org/upload/customer.jpg",
    });
    expect(res.status).toBe(201);
    const id = Number(res.headers.get("Resource-ID"));
    expect(id).toBeGreaterThan(33);
    expect(res.headers.get("Location")).toBe(`http://localhost:8787/api/users/${id}`);
    expect(res.json).toMatchObject({ id, email: "johndoe@example.org", role: "user", timezone: "Europe/Paris" });
    expect(res.json).not.toHaveProperty("password");
    expect((await get(`/api/users/${id}`)).json).toEqual(res.json);
  });
});
