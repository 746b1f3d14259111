import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("List Customers security", () => {
  it("is 401 without a key or with a wrong one", async () => {
    expect((await get("/api/customers", { key: null })).status).toBe(401);
    expect((await get("/api/customers", { key: "0".repeat(32) })).status).toBe(401);
  });

  it("phone matches digits only: SQL and LIKE metacharacters never act", async () => {
    await post("/api/customers", { firstName: "P", phone: "4242%_x" });
    for (const value of ["' OR 1=1 --", "2_2", "9%9", "1000__"]) {
      const res = await get("/api/customers", { query: { phone: value } });
      expect(res.status).toBe(200);
      expect(res.json.page.totalElements).toBe(0);
    }
    // Without digits nothing matches (FreeScout's LIKE '%%' would match every customer).
    expect((await get("/api/customers", { query: { phone: "%_" } })).json.page.totalElements).toBe(0);
    expect((await get("/api/customers", { query: { phone: "+4242" } })).json.page.totalElements).toBe(1);
  });

  it.each(["firstName", "lastName"])("%s treats SQL and LIKE metacharacters as text", async (field) => {
    await post("/api/customers", { firstName: "100%_x", lastName: "100%_x", phone: "100%_x" });
    for (const value of ["' OR 1=1 --", "%", "_", "100%", "100__x", "100%x", '" OR ""="', "*"]) {
      const res = await get("/api/customers", { query: { [field]: value } });
      expect(res.status).toBe(200);
      expect(res.json.page.totalElements).toBe(0);
    }
    expect((await get("/api/customers", { query: { [field]: "100%_x" } })).json.page.totalElements).toBe(1);
  });

  it("email treats SQL and LIKE metacharacters as text", async () => {
    await post("/api/customers", { emails: [{ value: "x_y@example.org" }] });
    for (const value of [
      "' OR 1=1 --",
      "%",
      "x%@example.org",
      "x__y@example.org",
      "x_y@example.or_",
      "%@example.org",
    ]) {
      const res = await get("/api/customers", { query: { email: value } });
      expect(res.status).toBe(200);
      expect(res.json.page.totalElements).toBe(0);
    }
    expect((await get("/api/customers", { query: { email: "X_Y@example.org" } })).json.page.totalElements).toBe(1);
  });

  it("caps the page size", async () => {
    expect((await get("/api/customers", { query: { pageSize: 100000 } })).json.page.size).toBe(100);
  });
});
