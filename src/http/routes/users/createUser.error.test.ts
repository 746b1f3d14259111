import { errorsOf, get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const valid = { firstName: "John", lastName: "Doe", email: "johndoe@example.org" };

describe("Create User errors", () => {
  it("409 for an email that another user has, whatever its case", async () => {
    expect((await post("/api/users", valid)).status).toBe(201);
    const res = await post("/api/users", { ...valid, email: "JohnDoe@Example.org" });
    expect(res.status).toBe(409);
    expect(errorsOf(res)[0]).toMatchObject({ path: "email", rejectedValue: "JohnDoe@Example.org" });
  });

  it("400 for a mailbox's address or alias, as FreeScout (users and mailboxes never share an email)", async () => {
    for (const email of ["Support@support.example.org", "help@support.example.org"]) {
      const res = await post("/api/users", { ...valid, email });
      expect(res.status).toBe(400);
      expect(errorsOf(res)[0]).toMatchObject({ path: "email", rejectedValue: email });
    }
    expect((await get("/api/users")).json.page.totalElements).toBe(4);
  });

  it("parallel creates with one email create one user", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => post("/api/users", valid)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect((await get("/api/users", { query: { email: valid.email } })).json.page.totalElements).toBe(1);
  });

  it.each([
    ["password shorter than 8", { password: "1234567" }, "password"],
    ["bad alternate emails", { alternateEmails: "a@example.org, nope" }, "alternateEmails"],
    ["unknown timezone", { timezone: "Europe/Atlantis" }, "timezone"],
    ["photoUrl not http(s)", { photoUrl: "javascript:alert(1)" }, "photoUrl"],
    ["firstName too long", { firstName: "x".repeat(21) }, "firstName"],
    ["email not a string", { email: 42 }, "email"],
  ])("400 for %s", async (_name, patch, path) => {
    const res = await post("/api/users", { ...valid, ...patch });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toEqual([path]);
  });

  it("never creates an administrator, even when asked", async () => {
    const res = await post("/api/users", { ...valid, role: "admin" });
    expect(res.status).toBe(201);
    expect(res.json.role).toBe("user");
  });

  it("gives a new user no mailbox access", async () => {
    const res = await post("/api/users", valid);
    const mailboxes = await get("/api/mailboxes", { query: { userId: res.json.id } });
    expect(mailboxes.json.page.totalElements).toBe(0);
  });
});
