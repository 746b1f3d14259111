/**
 * The layer rules of ARCHITECTURE.md, checked in `npm test` (npm run lint:deps).
 * Entry points (src/http, src/queues, src/cron, src/email, src/index.ts) on top, src/domain in the
 * middle, src/db at the bottom; src/present and src/lib are pure and import no layer above.
 */
const notTypeOnly = { dependencyTypesNot: ["type-only"] };
const ENTRY = "^src/(http|queues|cron|email)/|^src/index\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "routes-run-no-sql",
      comment: "HTTP code parses, calls the domain and presents: storage and SQL belong to src/domain.",
      severity: "error",
      from: { path: "^src/http/" },
      to: { path: "^src/db/|^node_modules/drizzle-orm", ...notTypeOnly },
    },
    {
      name: "entry-points-run-no-sql",
      comment: "Queue consumers and the cron call the domain; they run no SQL of their own.",
      severity: "error",
      from: { path: "^src/(queues|cron|email)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^src/db/(schema|sql|ids|conversationQueries)|^node_modules/drizzle-orm", ...notTypeOnly },
    },
    {
      name: "domain-below-entry-points",
      comment: "The domain owns its input types and never imports an entry point.",
      severity: "error",
      from: { path: "^src/domain/", pathNot: "\\.test\\.ts$" },
      to: { path: ENTRY },
    },
    {
      name: "entry-points-independent",
      comment: "One entry point does not reach into another: shared code lives in the domain.",
      severity: "error",
      from: { path: "^src/(queues|cron|email)/" },
      to: { path: "^src/http/" },
    },
    {
      name: "presenters-are-pure",
      comment: "Presenters map rows to JSON: no queries, no secrets, no domain calls (row types are fine).",
      severity: "error",
      from: { path: "^src/present/" },
      to: {
        path: "^src/(db|domain|http|queues|cron|email)/|^src/services\\.ts$|^src/config\\.ts$|^node_modules/drizzle-orm",
        ...notTypeOnly,
      },
    },
    {
      name: "storage-at-the-bottom",
      comment: "src/db knows tables and the D1 client, nothing above it.",
      severity: "error",
      from: { path: "^src/db/" },
      to: { path: "^src/(domain|http|present|queues|cron|email)/|^src/services\\.ts$" },
    },
    {
      name: "lib-is-a-leaf",
      comment: "src/lib holds helpers with no knowledge of the layers.",
      severity: "error",
      from: { path: "^src/lib/" },
      to: { path: "^src/(?!lib/)" },
    },
    {
      name: "no-test-code-in-the-worker",
      severity: "error",
      from: { path: "^src/", pathNot: "\\.test\\.ts$" },
      to: { path: "^test/|\\.test\\.ts$" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    parser: "swc",
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
    exclude: { path: "^worker-configuration\\.d\\.ts$" },
  },
};
