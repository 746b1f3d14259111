import { and, eq, isNull } from "drizzle-orm";
import { apiKeys } from "../db/schema";
import type { Services } from "../services";

/** The key stored under this SHA-256 hash, unless it was revoked. */
export function findActiveApiKey({ db }: Pick<Services, "db">, keyHash: string) {
  return db
    .select({ id: apiKeys.id, keyHash: apiKeys.keyHash })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .get();
}
