import { describe, expect, it } from "vitest";
import { RuntimeNoiseFilter } from "../../scripts/test/runtimeNoise";

const STACK = "stack: /x/workerd@26b6840 /x/workerd@3739630";

describe("npm test's filter of runtime noise", () => {
  it("drops the DNS failure block of an offline fileUrl, all five lines", () => {
    const filter = new RuntimeNoiseFilter();
    const lines = [
      "e = rust/worker/ffi.rs:110: failed: failed to lookup address information: Name or service not known",
      `${STACK}; sentryErrorContext = jsgInternalError; wdErrId = abc123`,
      "uncaught exception; source = Uncaught (in promise); stack = Error: internal error; reference = abc123",
      "uncaught exception; exception = workerd/jsg/value.h:1511: failed: jsg.Error: internal error; reference = abc123",
      STACK,
    ];
    expect(lines.filter((line) => !filter.drops(line))).toEqual([]);
  });

  it("drops a cut-short fixed-length body and its lost-connection echoes", () => {
    const filter = new RuntimeNoiseFilter();
    const lines = [
      "exception = kj/async-io.c++:2008: disconnected: fixed-length pipe ended prematurely",
      STACK,
      "uncaught exception; source = Uncaught (in promise); stack = Error: Network connection lost.",
      "\u001b[32m✓\u001b[39m workers src/domain/attachments/store.test.ts (40 tests)",
    ];
    expect(lines.filter((line) => !filter.drops(line))).toEqual([lines[3]]);
  });

  it("keeps every other error, including internal errors with other causes", () => {
    const filter = new RuntimeNoiseFilter();
    const lines = [
      "uncaught exception; source = Uncaught (in promise); stack = Error: internal error; reference = zzz",
      STACK,
      "Unhandled error GET /api/conversations TypeError: x is undefined",
      " FAIL  workers test/x.test.ts > something",
    ];
    expect(lines.filter((line) => !filter.drops(line))).toEqual(lines);
  });
});
