/**
 * Every filter and sort of List Conversations that clients send most is served by an index:
 * SQLite neither scans the conversations table nor sorts the matches in a temporary b-tree.
 */
import { env } from "cloudflare:test";
import { queryPlan } from "@test/support/plans";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { type ListFilters, plainPageStatement } from "../../src/domain/conversations/list";

const page = { page: 1, size: 50, offset: 0 };

const plan = (filters: ListFilters, field: "createdAt" | "updatedAt" = "createdAt") =>
  queryPlan(plainPageStatement(createDb(env.DB), filters, { field, order: "desc" }, page));

describe("List Conversations' query plans", () => {
  it.each<[string, ListFilters]>([
    ["no filter (every status and state, as FreeScout lists)", {}],
    ["one mailbox", { mailboxId: [1] }],
    ["one mailbox and a status", { mailboxId: [1], status: ["active"] }],
    ["a status", { status: ["active"] }],
    ["an assignee and a status", { assignedTo: 7, status: ["active"] }],
    ["an assignee", { assignedTo: 7 }],
    ["unassigned in one mailbox", { mailboxId: [1], assignedTo: null }],
    ["a customer", { customerId: 1 }],
  ])("%s: no table scan, no sort", async (_name, filters) => {
    const details = await plan(filters);
    expect(details.filter((detail) => /^SCAN conversations\b(?! USING)/.test(detail))).toEqual([]);
    expect(details.filter((detail) => detail.includes("TEMP B-TREE"))).toEqual([]);
  });
});
