/**
 * Requests per API key with the Workers rate-limiting binding. Over the limit: 429 in the
 * error envelope with Retry-After and X-RateLimit-* headers. The binding only answers
 * yes or no, so the headers give the limit and, when refused, the window to wait.
 */
import { createMiddleware } from "hono/factory";
import { ApiError } from "../../lib/errors";
import type { AppEnv } from "../env";

const PERIOD_SECONDS = 60;

export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  // 0 switches the limit off (the benchmark and the test suite measure the API, not the limiter).
  if (c.var.config.rateLimitPerMinute === 0) return next();
  const limit = String(c.var.config.rateLimitPerMinute);
  const { success } = await c.env.API_RATE_LIMITER.limit({ key: `api-key:${c.var.apiKeyId}` });
  if (!success) {
    throw new ApiError(
      429,
      [
        {
          path: "api_key",
          message: `More than ${limit} requests a minute with this API key; retry later`,
          source: "HEADER",
        },
      ],
      {
        "Retry-After": String(PERIOD_SECONDS),
        "X-RateLimit-Limit": limit,
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": String(PERIOD_SECONDS),
      },
    );
  }
  c.header("X-RateLimit-Limit", limit);
  await next();
});
