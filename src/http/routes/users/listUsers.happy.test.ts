import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

const ids = (res: { json: { _embedded: { users: { id: number }[] } } }) => res.json._embedded.users.map((u) => u.id);

describe("List Users", () => {
  it("lists users by id descending (as FreeScout) with the page envelope", async () => {
    const res = await get("/api/users");
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([33, 15, 7, 1]);
    expect(res.json.page).toEqual({ size: 50, totalElements: 4, totalPages: 1, number: 1 });
  });

  it("filters by email case-insensitively (the document's example)", async () => {
    await post("/api/users", { firstName: "John", lastName: "Doe", email: "johndoe@example.org" });
    const res = await get("/api/users?email=JOHNDOE%40example.org&page=1&pageSize=100");
    expect(res.json._embedded.users).toHaveLength(1);
    expect(res.json._embedded.users[0]).toMatchObject({ firstName: "John", email: "johndoe@example.org" });
    expect(res.json.page).toEqual({ size: 100, totalElements: 1, totalPages: 1, number: 1 });
  });

  it("pages, and caps pageSize at the configured maximum", async () => {
    const second = await get("/api/users", { query: { pageSize: 3, page: 2 } });
    expect(ids(second)).toEqual([1]);
    expect(second.json.page).toEqual({ size: 3, totalElements: 4, totalPages: 2, number: 2 });
    const beyond = await get("/api/users", { query: { pageSize: 3, page: 9 } });
    expect(ids(beyond)).toEqual([]);
    const clamped = await get("/api/users", { query: { pageSize: 100000, page: 0 } });
    expect(clamped.json.page).toMatchObject({ size: 100, number: 1 });
    // As FreeScout's module: a pageSize of 0 means 50.
    const zero = await get("/api/users", { query: { pageSize: 0 } });
    expect(zero.json.page).toMatchObject({ size: 50, totalPages: 1 });
  });
});
