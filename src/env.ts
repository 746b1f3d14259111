import type { Database } from "./db/client";
import type { Config } from "./config";

export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Database;
    config: Config;
    apiKeyId: number;
  };
}
