/**
 * What workerd prints on its own when a negative test does what it means to, and nothing
 * else: the test asserts the API's answer (400/413), these lines are the runtime's echo.
 * - A fileUrl body cut short: R2's fixed-length pipe ends early, and the runtime reports the
 *   lost connection as an unobserved rejection of its own.
 * - A fileUrl host that does not resolve (example.org in the API document's example, offline):
 *   the runtime logs the DNS failure as an internal error with a reference, over five lines.
 * The vitest pool writes these with its own log handler, so they are filtered from its output
 * here; any other line passes.
 */
import { stripVTControlCharacters } from "node:util";

const DROPPED = [
  /disconnected: fixed-length pipe ended prematurely/,
  /^uncaught exception; source = Uncaught \(in promise\); stack = Error: Network connection lost\.$/,
  /failed to lookup address information: Name or service not known/,
];

export class RuntimeNoiseFilter {
  private readonly references = new Set<string>();
  private dropping = false;

  /** True if the line is runtime noise of an expected failure. */
  drops(line: string): boolean {
    const plain = stripVTControlCharacters(line);
    const reference = /(?:wdErrId|reference) = (\w+)/.exec(plain)?.[1];
    if (DROPPED.some((pattern) => pattern.test(plain))) {
      if (reference) this.references.add(reference);
      this.dropping = true;
      return true;
    }
    if (reference && this.references.has(reference)) {
      this.dropping = true;
      return true;
    }
    // A dropped message's native stack trace follows it on its own line.
    if (this.dropping && plain.startsWith("stack: ")) {
      const id = /wdErrId = (\w+)/.exec(plain)?.[1];
      if (id) this.references.add(id);
      return true;
    }
    this.dropping = false;
    return false;
  }
}
