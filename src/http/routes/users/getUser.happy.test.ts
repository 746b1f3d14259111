import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Get User", () => {
  it("gets one user in the document's shape", async () => {
    const res = await get("/api/users/1");
    expect(res.json).toEqual({
      id: 1,
      firstName: "Ada",
      lastName: "Admin",
      email: "admin@support.example.org",
      role: "admin",
      alternateEmails: null,
      jobTitle: "Administrator",
      phone: null,
      timezone: "Europe/Paris",
      photoUrl: null,
      language: "en",
      createdAt: "2020-08-09T10:09:00Z",
      updatedAt: "2021-01-16T12:38:46Z",
    });
  });

  it("gets a created user as Create User answered it", async () => {
    const created = await post("/api/users", { firstName: "Jane", lastName: "Roe", email: "Jane.Roe@Example.org" });
    const res = await get(`/api/users/${created.json.id}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual(created.json);
    expect(res.json).toMatchObject({ email: "jane.roe@example.org", role: "user", timezone: "UTC" });
  });
});
