/** What the benchmark sends: one scenario per endpoint and filter worth knowing the cost of. */
import { type DatasetSize, ITEMS, TAGS, WORDS } from "./dataset.ts";

export interface BenchRequest {
  method: "GET" | "POST" | "PUT";
  path: string;
  body?: string;
}

/** The floors (scripts/bench/worker.js): no D1, one round trip, one batch of three statements. */
export type Floor = "none" | "d1" | "batch";

export interface Scenario {
  name: string;
  /** Reads are compared with the one-round-trip floor, writes with the batch floor. */
  kind: "floor" | "read" | "write";
  /** For the floors themselves: which one. */
  floor?: Floor;
  /** A representative request, for the report. */
  example: string;
  request: () => BenchRequest;
}

const pick = (max: number) => 1 + Math.floor(Math.random() * max);
const any = <T>(values: readonly T[]) => values[pick(values.length) - 1]!;

export function scenarios(size: DatasetSize): Scenario[] {
  const conversation = () => pick(size.conversations);
  const get = (name: string, path: () => string, kind: Scenario["kind"] = "read"): Scenario => ({
    name,
    kind,
    example: `GET ${path()}`,
    request: () => ({ method: "GET", path: path() }),
  });
  const write = (name: string, method: "POST" | "PUT", path: () => string, body: () => unknown): Scenario => ({
    name,
    kind: "write",
    example: `${method} ${path()} ${JSON.stringify(body())}`,
    request: () => ({ method, path: path(), body: JSON.stringify(body()) }),
  });
  const floor = (name: string, which: Floor): Scenario => ({
    ...get(name, () => `/api/__bench/floor/${which}`, "floor"),
    floor: which,
  });
  return [
    floor("Floor: no D1 (auth + constant JSON)", "none"),
    floor("Floor: one D1 round trip (SELECT 1)", "d1"),
    floor("Floor: one batch of three statements", "batch"),
    get("Ping", () => "/api/ping", "floor"),
    get("Get Conversation (embed threads)", () => `/api/conversations/${conversation()}?embed=threads`),
    get("List Conversations (defaults)", () => "/api/conversations"),
    get("List Conversations (mailbox+status+assignee)", () => {
      // A mailbox and assignee that have active conversations (see the dataset's formulas).
      let i = pick(size.conversations);
      while (i % 100 >= 40 || i % 5 >= 3) i = pick(size.conversations);
      return `/api/conversations?mailboxId=${1 + (i % size.mailboxes)}&status=active&assignedTo=${1 + ((i * 7) % size.users)}`;
    }),
    get("List Conversations (sorted by updatedAt)", () => "/api/conversations?sortField=updatedAt&sortOrder=desc"),
    get(
      "List Conversations (subject search)",
      () => `/api/conversations?subject=${encodeURIComponent(`#${pick(size.conversations)}`)}&status=all`,
    ),
    get("List Conversations (tag)", () => "/api/conversations?tag=vip&status=all"),
    get("List Conversations (search: full-text word)", () => `/api/conversations?query=item${pick(ITEMS) - 1}`),
    get(
      "List Conversations (search: query language, tag+status+text)",
      () => `/api/conversations?query=${encodeURIComponent(`${any(WORDS)} tag:${any(TAGS)} status:active`)}`,
    ),
    get("List Conversations (search: custom field filter)", () => {
      // Mailbox 1's Priority (dropdown, by label) and purchase days within one month of the dataset.
      const month = new Date((1_600_000_000 + pick(size.conversations) * 300) * 1000).toISOString().slice(0, 7);
      const range = `${month}-01..${month}-28`;
      return `/api/conversations?${new URLSearchParams({ "customField[1]": any(["Low", "Medium", "High"]), "customField[3]": range })}`;
    }),
    get("List Conversations (page 200)", () => "/api/conversations?status=all&page=200"),
    get("Get Customer", () => `/api/customers/${pick(size.customers)}`),
    get("List Customers (email filter)", () => `/api/customers?email=customer${pick(size.customers)}%40example.org`),
    write(
      "Create Conversation",
      "POST",
      () => "/api/conversations",
      () => ({
        type: "email",
        mailboxId: pick(size.mailboxes),
        subject: "Benchmark conversation",
        customer: { email: `customer${pick(size.customers)}@example.org` },
        threads: [{ type: "customer", text: "Hello, I need help with my order." }],
      }),
    ),
    write(
      "Create Thread",
      "POST",
      () => `/api/conversations/${conversation()}/threads`,
      () => ({
        type: "message",
        text: "Thanks for writing, we are on it.",
        user: pick(size.users),
      }),
    ),
    write(
      "Update Conversation",
      "PUT",
      () => `/api/conversations/${conversation()}`,
      () => ({
        byUser: pick(size.users),
        status: ["active", "pending", "closed"][pick(3) - 1],
      }),
    ),
  ];
}
