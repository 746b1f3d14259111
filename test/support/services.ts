import { env } from "cloudflare:test";
import type { D1Stats } from "../../src/db/instrument";
import { createServices, type Services } from "../../src/services";

/** Services over the test's real local bindings; background work is collected for `settle()`. */
export function testServices(options: { d1Stats?: D1Stats } = {}): Services & { settle(): Promise<void> } {
  const pending: Promise<unknown>[] = [];
  const services = createServices(env, { waitUntil: (task) => void pending.push(task) }, options);
  return {
    ...services,
    settle: async () => {
      while (pending.length) await Promise.allSettled(pending.splice(0));
    },
  };
}
