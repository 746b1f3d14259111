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
  /** A webhook is disabled when this many attempts in a row failed over at least webhookDisableAfterSeconds. */
  webhookDisableAfterFailures: number;
  webhookDisableAfterSeconds: number;
  /** The [[ratelimits]] limit per API key and minute, as the headers state it; 0 turns it off. */
  rateLimitPerMinute: number;
  /** Largest incoming email accepted (Email Routing's own limit is 25 MiB); larger ones are rejected. */
  maxEmailBytes: number;
  /** Days the raw incoming messages stay in R2 (the cron deletes older ones). */
  rawMailRetentionDays: number;
  /** Seconds before retry n of an outgoing email (index n - 1); its length + 1 is the number of attempts. */
  mailRetryDelays: number[];
  /** A customer gets at most one auto-reply per mailbox within this many seconds. */
  autoReplyWindowSeconds: number;
}

const positiveInt = (value: unknown, fallback: number) => {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
};

const nonNegativeInt = (value: unknown, fallback: number) => {
  const parsed = typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
};

const DEFAULT_RETRY_DELAYS = [30, 60, 120, 300, 600, 900, 1200, 1800, 2400];
const DEFAULT_MAIL_RETRY_DELAYS = [60, 300, 900, 1800, 3600];

function secondsList(value: unknown, fallback: number[]) {
  if (typeof value !== "string" || !value.trim()) return fallback;
  const parsed = value.split(",").map((part) => Number(part.trim()));
  return parsed.every((n) => Number.isInteger(n) && n >= 0) ? parsed : fallback;
}

/** `env` is the Worker's Env (typed loosely so that Node scripts can import this file). */
export function readConfig(bindings: object): Config {
  const env = bindings as Record<string, unknown>;
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
    webhookDisableAfterFailures: positiveInt(env.WEBHOOK_DISABLE_AFTER_FAILURES, 100),
    webhookDisableAfterSeconds: nonNegativeInt(env.WEBHOOK_DISABLE_AFTER_HOURS, 72) * 3600,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE === "0" ? 0 : positiveInt(env.RATE_LIMIT_PER_MINUTE, 1200),
    maxEmailBytes: positiveInt(env.MAX_EMAIL_BYTES, 25 * 1024 * 1024),
    rawMailRetentionDays: positiveInt(env.RAW_MAIL_RETENTION_DAYS, 30),
    mailRetryDelays: secondsList(env.MAIL_RETRY_DELAYS, DEFAULT_MAIL_RETRY_DELAYS),
    autoReplyWindowSeconds: positiveInt(env.AUTO_REPLY_WINDOW_MINUTES, 180) * 60,
  };
}

/**
 * Bindings and secrets the Worker cannot run without. Each names who needs it, for the 503
 * a request gets when one is missing (src/http/middleware/requireConfig.ts) and for
 * `npm run check-config`.
 */
export const requiredSettings = {
  DB: { kind: "binding", neededBy: "every /api endpoint (API keys and all data live in D1)" },
  ATTACHMENTS: { kind: "binding", neededBy: "conversations and attachment downloads (R2 objects)" },
  WEBHOOK_QUEUE: { kind: "binding", neededBy: "writes to conversations and customers (webhook events)" },
  ATTACHMENT_SIGNING_SECRET: {
    kind: "secret",
    neededBy: "conversations (signed attachment links) and attachment downloads",
  },
  WEBHOOK_SECRET: { kind: "secret", neededBy: "Create Webhook and webhook deliveries (signatures)" },
} as const;

export type RequiredSetting = keyof typeof requiredSettings;

/** The settings of `names` that `env` lacks: an unset binding, or a secret unset or blank. */
export function missingSettings(env: object, names: readonly RequiredSetting[]): RequiredSetting[] {
  const values = env as Record<string, unknown>;
  return names.filter((name) => {
    const value = values[name];
    if (requiredSettings[name].kind === "secret") return typeof value !== "string" || value.trim() === "";
    return value === undefined || value === null;
  });
}
