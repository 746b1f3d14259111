/** Typed view of the `[vars]` in wrangler.toml (strings there, numbers here). */
export interface Config {
  corsAllowOrigin: string;
  maxBodyBytes: number;
  maxPageSize: number;
  allowPrivateNetworks: boolean;
  maxAttachmentBytes: number;
  maxAttachmentsBytesPerRequest: number;
  fileUrlTimeoutMs: number;
  webhookTimeoutMs: number;
  /** Seconds to wait before retry n (index n - 1); its length + 1 is the number of attempts. */
  webhookRetryDelays: number[];
  /** The [[ratelimits]] limit per API key and minute, as the headers state it; 0 turns it off. */
  rateLimitPerMinute: number;
}

const positiveInt = (value: unknown, fallback: number) => {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
};

const DEFAULT_RETRY_DELAYS = [30, 60, 120, 300, 600, 900, 1200, 1800, 2400];

function secondsList(value: unknown, fallback: number[]) {
  if (typeof value !== "string" || !value.trim()) return fallback;
  const parsed = value.split(",").map((part) => Number(part.trim()));
  return parsed.every((n) => Number.isInteger(n) && n >= 0) ? parsed : fallback;
}

export function readConfig(env: Partial<Record<keyof Env, unknown>>): Config {
  return {
    corsAllowOrigin: typeof env.CORS_ALLOW_ORIGIN === "string" ? env.CORS_ALLOW_ORIGIN : "",
    maxBodyBytes: positiveInt(env.MAX_BODY_BYTES, 50 * 1024 * 1024),
    maxPageSize: positiveInt(env.MAX_PAGE_SIZE, 100),
    allowPrivateNetworks: env.ALLOW_PRIVATE_NETWORK_URLS === "true",
    maxAttachmentBytes: positiveInt(env.MAX_ATTACHMENT_BYTES, 25 * 1024 * 1024),
    maxAttachmentsBytesPerRequest: positiveInt(env.MAX_ATTACHMENTS_BYTES_PER_REQUEST, 40 * 1024 * 1024),
    fileUrlTimeoutMs: positiveInt(env.FILE_URL_TIMEOUT_MS, 10_000),
    webhookTimeoutMs: positiveInt(env.WEBHOOK_TIMEOUT_MS, 10_000),
    webhookRetryDelays: secondsList(env.WEBHOOK_RETRY_DELAYS, DEFAULT_RETRY_DELAYS),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE === "0" ? 0 : positiveInt(env.RATE_LIMIT_PER_MINUTE, 1200),
  };
}
