import { resetToDemoData } from "@test/support/db";
import { testServices } from "@test/support/services";
import { beforeEach, describe, expect, it } from "vitest";
import { presentCustomer } from "../../present/customer";
import type { Services } from "../../services";
import type { DomainEvent } from "../webhooks/publish";
import { createCustomer } from "./create";
import { customerCreatedEvents } from "./events";
import { updateCustomerFields } from "./fields";
import { updateCustomer } from "./update";

beforeEach(resetToDemoData);

const fixedClock: Services["clock"] = { seconds: () => 1_700_000_000, millis: () => 1_700_000_000_000 };
const services = () => ({ ...testServices(), clock: fixedClock });

/** The payload as the queue would send it: a lazy payload is read now. */
const payloadOf = async (event: DomainEvent) =>
  typeof event.payload === "function" ? (event.payload as () => Promise<unknown>)() : event.payload;

describe("customer writes say which events they caused", () => {
  it("a created customer: customer.created with the customer the write read back", async () => {
    const result = await createCustomer(services(), { firstName: "Nia", emails: [{ value: "Nia@Example.org" }] });
    expect(result.created).toBe(true);
    expect(result.events.map((e) => e.event)).toEqual(["customer.created"]);
    const payload = await payloadOf(result.events[0]!);
    expect(payload).toEqual(presentCustomer(result.customer));
    expect(payload).toMatchObject({
      firstName: "Nia",
      createdAt: "2023-11-14T22:13:20Z",
      _embedded: { emails: [{ value: "nia@example.org" }] },
    });
  });

  it("create-or-get answers the owner and causes no event", async () => {
    const result = await createCustomer(services(), { emails: [{ value: "RODNEY@example.org" }] });
    expect(result).toMatchObject({ id: 1, created: false, events: [] });
    expect(result.customer.customer.firstName).toBe("Rodney");
  });

  it("Update Customer: customer.updated, whose payload is read when published", async () => {
    const s = services();
    const result = await updateCustomer(s, { customerId: 7, lastName: "Moss" });
    expect(result.events.map((e) => e.event)).toEqual(["customer.updated"]);
    expect(typeof result.events[0]!.payload).toBe("function");
    await updateCustomer(s, { customerId: 7, company: "Moss & Co" });
    expect(await payloadOf(result.events[0]!)).toMatchObject({ id: 7, lastName: "Moss", company: "Moss & Co" });
  });

  it("Update Customer Fields: customer.updated with the new values", async () => {
    const result = await updateCustomerFields(services(), { customerId: 7, values: [{ id: 11, value: 30 }] });
    expect(result.events.map((e) => e.event)).toEqual(["customer.updated"]);
    expect(await payloadOf(result.events[0]!)).toMatchObject({
      id: 7,
      updatedAt: "2023-11-14T22:13:20Z",
      customerFields: [{ id: 11, name: "Age", value: "30", text: "" }],
    });
  });

  it("a failed write throws and causes no event", async () => {
    await expect(updateCustomer(services(), { customerId: 999, firstName: "X" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("customers created by a conversation write: found by id or by email; an unknown one sends nothing", async () => {
    const events = customerCreatedEvents(services(), [
      { id: 7 },
      { email: "rodney@example.org" },
      { email: "no@x.org" },
    ]);
    expect(events.map((e) => e.event)).toEqual(["customer.created", "customer.created", "customer.created"]);
    const payloads = await Promise.all(events.map(payloadOf));
    expect(payloads.map((p) => (p as { id: number } | null)?.id ?? null)).toEqual([7, 1, null]);
  });
});
