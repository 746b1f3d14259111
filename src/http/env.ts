import type { Config } from "../config";
import type { Database } from "../db/client";
import type { Services } from "../services";

export interface AppEnv {
  Bindings: Env;
  Variables: {
    services: Services;
    db: Database;
    config: Config;
    apiKeyId: number;
  };
}
