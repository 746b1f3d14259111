/**
 * Storage per conversation on the benchmark dataset, for SCALING.md: SQLite's dbstat virtual
 * table over the local D1 file (node:sqlite, read only) gives every table's and index's pages
 * (FTS5 shadow tables included); objects are grouped by what they hold and divided by the
 * conversations (or the customers) they grow with. Measured right after the bulk build, before
 * the load adds rows.
 */
import { openD1 } from "./mail.ts";

/** Workers Paid: 10 GB per D1 database (developers.cloudflare.com/d1/platform/limits/). */
export const D1_DATABASE_LIMIT_BYTES = 10e9;

export const GROUPS = [
  "conversations",
  "conversation indexes",
  "threads",
  "thread indexes",
  "attachment metadata",
  "full-text index (subjects + thread text)",
  "subject search (trigram)",
  "tags, custom field values, counters",
  "stored Message-IDs",
  "customers (rows, emails, phones, indexes, email search)",
  "other (users, mailboxes, folders, schema...)",
] as const;
export type Group = (typeof GROUPS)[number];

/** Groups that grow with customers, not with conversations. */
const PER_CUSTOMER: Group[] = ["customers (rows, emails, phones, indexes, email search)"];

export function groupOf(name: string, table: string): Group {
  if (table.startsWith("conversation_text_fts")) return "full-text index (subjects + thread text)";
  if (table.startsWith("conversations_subject_fts")) return "subject search (trigram)";
  if (/^customer(s|_emails|_phones|_field_values|_emails_fts.*)$/.test(table))
    return "customers (rows, emails, phones, indexes, email search)";
  if (table === "conversations") return name === table ? "conversations" : "conversation indexes";
  if (table === "threads") return name === table ? "threads" : "thread indexes";
  if (table === "attachments") return "attachment metadata";
  if (/^(conversation_tags|conversation_field_values|conversation_counts|tag_counts)$/.test(table))
    return "tags, custom field values, counters";
  if (table === "mail_messages") return "stored Message-IDs";
  return "other (users, mailboxes, folders, schema...)";
}

export interface ScalingResult {
  fileBytes: number;
  pageSize: number;
  counts: {
    conversations: number;
    threads: number;
    attachments: number;
    customers: number;
    tagLinks: number;
    messageIds: number;
  };
  /** Mean length of a thread body (HTML) and of a subject, in bytes. */
  meanBodyBytes: number;
  meanSubjectBytes: number;
  /** Every table and index: bytes (whole pages) and payload. */
  objects: { name: string; table: string; group: Group; bytes: number; payload: number }[];
  groups: Record<Group, number>;
}

export function measureScaling(persist: string): ScalingResult {
  const db = openD1(persist);
  try {
    const tableOf = new Map(
      (db.prepare("SELECT name, tbl_name FROM sqlite_schema").all() as { name: string; tbl_name: string }[]).map(
        (row) => [row.name, row.tbl_name],
      ),
    );
    const objects = (
      db
        .prepare(
          "SELECT name, sum(pgsize) AS bytes, sum(payload) AS payload FROM dbstat GROUP BY name ORDER BY bytes DESC",
        )
        .all() as { name: string; bytes: number; payload: number }[]
    ).map((row) => {
      const table = tableOf.get(row.name) ?? row.name;
      return { name: row.name, table, group: groupOf(row.name, table), bytes: row.bytes, payload: row.payload };
    });
    const groups = Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<Group, number>;
    for (const object of objects) groups[object.group] += object.bytes;
    const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
    const pageSize = count("SELECT page_size AS n FROM pragma_page_size");
    return {
      fileBytes: pageSize * count("SELECT page_count AS n FROM pragma_page_count"),
      pageSize,
      counts: {
        conversations: count("SELECT count(*) AS n FROM conversations"),
        threads: count("SELECT count(*) AS n FROM threads"),
        attachments: count("SELECT count(*) AS n FROM attachments"),
        customers: count("SELECT count(*) AS n FROM customers"),
        tagLinks: count("SELECT count(*) AS n FROM conversation_tags"),
        messageIds: count("SELECT count(*) AS n FROM mail_messages"),
      },
      meanBodyBytes: count("SELECT avg(length(CAST(body AS BLOB))) AS n FROM threads"),
      meanSubjectBytes: count("SELECT avg(length(CAST(subject AS BLOB))) AS n FROM conversations"),
      objects,
      groups,
    };
  } finally {
    db.close();
  }
}

const bytes = (n: number) =>
  n >= 1e9
    ? `${(n / 1e9).toFixed(2)} GB`
    : n >= 1e6
      ? `${(n / 1e6).toFixed(1)} MB`
      : n >= 1e3
        ? `${(n / 1e3).toFixed(1)} kB`
        : `${n.toFixed(0)} B`;
const millions = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} million` : n.toLocaleString("en"));

/** The numbers SCALING.md argues from. */
export function scalingNumbers(r: ScalingResult) {
  const perCustomerGroups = PER_CUSTOMER.reduce((a, g) => a + r.groups[g], 0);
  const fixed = r.groups["other (users, mailboxes, folders, schema...)"];
  const perConversationBytes = (r.fileBytes - perCustomerGroups - fixed) / r.counts.conversations;
  const perCustomerBytes = perCustomerGroups / r.counts.customers;
  const customersPerConversation = r.counts.customers / r.counts.conversations;
  /** What a conversation costs with its share of customers, as in the dataset. */
  const allIn = perConversationBytes + perCustomerBytes * customersPerConversation;
  const threadsPerConversation = r.counts.threads / r.counts.conversations;
  const bodyBytes = r.meanBodyBytes;
  // A thread's row without its body, and the full-text index per byte of text it indexes.
  const threadRowBytes = r.groups.threads / r.counts.threads;
  const threadOverhead = threadRowBytes - bodyBytes;
  const ftsPerTextByte =
    r.groups["full-text index (subjects + thread text)"] /
    (r.counts.threads * bodyBytes + r.counts.conversations * r.meanSubjectBytes);
  /** Bytes per conversation if each thread body were `body` bytes (everything else as measured). */
  const withBody = (body: number) => allIn + threadsPerConversation * (body - bodyBytes) * (1 + ftsPerTextByte);
  const fit = (perConversation: number) => Math.floor((D1_DATABASE_LIMIT_BYTES - fixed) / perConversation);
  return {
    perConversationBytes,
    perCustomerBytes,
    customersPerConversation,
    allIn,
    threadsPerConversation,
    threadRowBytes,
    threadOverhead,
    ftsPerTextByte,
    withBody,
    fit,
    fixed,
  };
}

export function renderScaling(r: ScalingResult, date: string): string {
  const n = scalingNumbers(r);
  const perConversation = (bytesOf: number) => bytesOf / r.counts.conversations;
  const groupRows = GROUPS.map((g) => {
    const perCustomer = PER_CUSTOMER.includes(g);
    const fixed = g.startsWith("other");
    const share = (100 * r.groups[g]) / r.fileBytes;
    const per = fixed
      ? "(fixed)"
      : perCustomer
        ? `${bytes(r.groups[g] / r.counts.customers)} per customer`
        : bytes(perConversation(r.groups[g]));
    return `| ${g} | ${bytes(r.groups[g])} | ${share.toFixed(1)}% | ${per} |`;
  });
  const objectRows = r.objects
    .filter((o) => o.bytes >= r.fileBytes / 200)
    .map((o) => `| ${o.name} | ${o.group} | ${bytes(o.bytes)} | ${bytes(perConversation(o.bytes))} |`);
  const bodies = [r.meanBodyBytes, 2_000, 8_000, 32_000].map((body) => {
    const per = n.withBody(body);
    return `| ${bytes(body)}${body === r.meanBodyBytes ? " (this dataset)" : ""} | ${bytes(per)} | ${millions(n.fit(per))} | ${millions(n.fit(per - n.threadsPerConversation * body))} |`;
  });
  const bodyShare = (n.threadsPerConversation * r.meanBodyBytes) / n.allIn;
  return `# Scaling: what fits in one D1 database

Produced by \`npm run bench\` (or \`npm run bench -- --only scaling\`), ${date}, from SQLite's
\`dbstat\` over the benchmark's local D1 file right after the bulk build
(\`scripts/bench/scaling.ts\`): every table and index, FTS5 shadow tables included, in whole
pages (${r.pageSize} bytes), as the database file grows.

- Dataset: ${r.counts.conversations.toLocaleString("en")} conversations, ${r.counts.threads.toLocaleString("en")} threads
  (mean body ${r.meanBodyBytes.toFixed(0)} bytes of HTML), ${r.counts.attachments.toLocaleString("en")} attachments (metadata; the
  files are in R2), ${r.counts.tagLinks.toLocaleString("en")} tag links, ${r.counts.messageIds.toLocaleString("en")} stored Message-IDs,
  ${r.counts.customers.toLocaleString("en")} customers. File: ${bytes(r.fileBytes)}.
- D1's limit: 10 GB per database on Workers Paid (500 MB on Free), 1 TB per account; taken
  here as ${D1_DATABASE_LIMIT_BYTES.toExponential(0)} bytes.

## Bytes per conversation

| what | bytes | share of the file | per conversation |
|---|---|---|---|
${groupRows.join("\n")}

- A conversation as the dataset has them (${n.threadsPerConversation.toFixed(0)} threads) costs **${bytes(n.perConversationBytes)}**,
  and ${bytes(n.allIn)} with its share of customers (${bytes(n.perCustomerBytes)} per customer, ${n.customersPerConversation.toFixed(2)} customers per
  conversation here).
- A thread row is ${bytes(n.threadRowBytes)}: ${bytes(n.threadOverhead)} besides its body. The full-text index costs
  ${n.ftsPerTextByte.toFixed(2)} bytes per byte of text it indexes; the dataset's text is made of a 30-word
  vocabulary, so real text (more distinct words, longer posting lists per document) costs more
  than this ratio says. Thread bodies are ${(100 * bodyShare).toFixed(0)}% of a conversation's bytes here.

Largest objects (at least 0.5% of the file):

| object | group | bytes | per conversation |
|---|---|---|---|
${objectRows.join("\n")}

## How many conversations fit

At ${bytes(n.allIn)} per conversation, one 10 GB database holds about **${millions(n.fit(n.allIn))}
conversations** of this dataset's shape. Thread bodies decide the real figure: help-desk email
is HTML of a few kilobytes per message, and the body is stored in \`threads\` and its words
indexed again by the full-text index. With ${n.threadsPerConversation.toFixed(0)} threads per conversation and everything else as
measured:

| mean thread body | bytes per conversation | conversations in 10 GB | with bodies in R2 (index kept) |
|---|---|---|---|
${bodies.join("\n")}

The last column keeps the full-text index and a thread's row in D1 and moves only the body's
bytes out.

## Past the limit

1. **Already outside D1**: attachment files and raw incoming messages are R2 objects; D1 keeps
   their metadata (${bytes(perConversation(r.groups["attachment metadata"]))} per conversation here) and the R2 key.
2. **Thread bodies to R2** (first step, inside one database): bodies above a size (say 4 kB)
   stored as R2 objects keyed by thread id, with the row keeping a preview and the key. Reads
   that show threads (Get Conversation with threads, List Threads) add one R2 read per
   conversation (one object per conversation's bodies, or per thread fetched in parallel).
   The full-text index is contentless (\`content=''\`) and can stay, but its triggers read
   bodies from \`threads\`, so indexing would move into the Worker (the text passed in the
   insert). This multiplies capacity by the body share above: the last column of the table.
3. **Split across databases** (past that): D1 allows 50,000 databases per account on Workers
   Paid, and the API's data splits cleanly by mailbox: conversations, threads, tags, custom
   field values, Message-IDs and their indexes belong to one mailbox, while users, mailboxes,
   API keys, webhooks and customers are installation-wide. A directory database keeps the
   installation-wide tables and the mailbox -> database map; each mailbox (or group of small
   mailboxes) gets a conversation database. Requests naming a mailbox or a conversation (the
   conversation id would carry its shard, or a directory look-up maps it) touch one database;
   lists across mailboxes (List Conversations without \`mailboxId\`, the default) fan out to
   every database and merge pages, which costs one round trip per database in parallel and
   makes \`totalElements\` a sum. Customers stay in the directory database: at
   ${bytes(n.perCustomerBytes)} per customer, 10 GB holds ${millions(Math.floor(D1_DATABASE_LIMIT_BYTES / n.perCustomerBytes))} customers.
4. **Archive** (alternative to 3 for one large mailbox): closed conversations older than a
   cut-off moved to an archive database (or as JSON to R2), searched separately.

The numbers that decide: bytes per conversation (above), thread body size, and the rate of new
conversations. At ${bytes(n.withBody(4_000))} per conversation (4 kB bodies), 1,000 conversations a day fill
10 GB in ${(D1_DATABASE_LIMIT_BYTES / n.withBody(4_000) / 1000 / 365).toFixed(1)} years; 10,000 a day in ${(((D1_DATABASE_LIMIT_BYTES / n.withBody(4_000) / 10_000) * 12) / 365).toFixed(1)} months.
`;
}
