/** Typed view of the `[vars]` in wrangler.toml (strings there, numbers here). */
export interface Config {
  corsAllowOrigin: string;
  maxBodyBytes: number;
  maxPageSize: number;
  allowPrivateNetworks: boolean;
}

const positiveInt = (value: string | undefined, fallback: number) => {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
};

export function readConfig(env: Partial<Record<keyof Env, unknown>>): Config {
  return {
    corsAllowOrigin: typeof env.CORS_ALLOW_ORIGIN === "string" ? env.CORS_ALLOW_ORIGIN : "",
    maxBodyBytes: positiveInt(env.MAX_BODY_BYTES as string | undefined, 50 * 1024 * 1024),
    maxPageSize: positiveInt(env.MAX_PAGE_SIZE as string | undefined, 100),
    allowPrivateNetworks: env.ALLOW_PRIVATE_NETWORK_URLS === "true",
  };
}
