import { get, post } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { createCustomerExample } from "@test/support/examples";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

describe("Create Customer security", () => {
  it("is 401 without a key or with a wrong one, and creates nothing", async () => {
    expect((await post("/api/customers", createCustomerExample, { key: null })).status).toBe(401);
    expect((await post("/api/customers", createCustomerExample, { key: "x" })).status).toBe(401);
    expect((await get("/api/customers")).json.page.totalElements).toBe(2);
  });

  it.each(["javascript:alert(1)", "data:image/png;base64,AAAA", "file:///etc/passwd", "ftp://example.org/a.jpg"])(
    "refuses photoUrl %s",
    async (photoUrl) => {
      expect((await post("/api/customers", { photoUrl })).status).toBe(400);
    },
  );

  it("ignores server-owned fields in the body: id, dates and field values cannot be set", async () => {
    const res = await post("/api/customers", {
      id: 1,
      createdAt: "2000-01-01T00:00:00Z",
      updatedAt: "2000-01-01T00:00:00Z",
      customerFields: [{ id: 37, value: "me" }],
      firstName: "Mallory",
    });
    expect(res.status).toBe(201);
    expect(res.json.id).not.toBe(1);
    expect(res.json.createdAt).not.toBe("2000-01-01T00:00:00Z");
    expect(res.json.customerFields).toEqual([]);
    expect((await get("/api/customers/1")).json.firstName).toBe("Rodney");
  });

  it("cannot take over another customer's email: create-or-get answers the owner and changes nothing of theirs", async () => {
    const res = await post("/api/customers", {
      firstName: "Mallory",
      notes: "mine now",
      emails: [{ value: "RODNEY@example.org", type: "home" }],
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: 1, firstName: "Rodney", notes: "Prefers email." });
    expect(res.json._embedded.emails).toEqual([{ id: 1, value: "rodney@example.org", type: "work" }]);
  });

  it("stores markup and SQL as plain text", async () => {
    const text = `<script>alert(1)</script>'); DROP TABLE customers; --`;
    const res = await post("/api/customers", { notes: text, firstName: "'; --" });
    expect(res.status).toBe(201);
    expect((await get(`/api/customers/${res.json.id}`)).json).toMatchObject({ notes: text, firstName: "'; --" });
    expect((await get("/api/customers")).json.page.totalElements).toBe(3);
  });

  it("caps list sizes", async () => {
    const emails = Array.from({ length: 51 }, (_, i) => ({ value: `m${i}@example.org` }));
    expect((await post("/api/customers", { emails })).status).toBe(400);
    const ok = await post("/api/customers", { emails: emails.slice(0, 50) });
    expect(ok.status).toBe(201);
    expect(ok.json._embedded.emails).toHaveLength(50);
  });
});
