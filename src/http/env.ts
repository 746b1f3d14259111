import type { Config } from "../config";
import type { Database } from "../db/client";
import type { KeyAccess } from "../domain/apiKeys";
import type { Services } from "../services";

export interface AppEnv {
  Bindings: Env;
  Variables: {
    services: Services;
    db: Database;
    config: Config;
    apiKeyId: number;
    /** What the request's API key may see and do (src/http/middleware/keyScope.ts enforces it). */
    access: KeyAccess;
  };
}
