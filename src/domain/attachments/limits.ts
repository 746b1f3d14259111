import type { Config } from "../../config";
import { ApiError } from "../../lib/errors";

/** Bytes one request may still store; shared by the threads of a request. */
export interface AttachmentBudget {
  remaining: number;
}

export const newBudget = (config: Config): AttachmentBudget => ({ remaining: config.maxAttachmentsBytesPerRequest });

/** The largest size the next attachment may have, and the error to give above it. */
export interface SizeLimit {
  bytes: number;
  tooLarge(path: string, size: number): ApiError;
}

export function sizeLimit(config: Config, budget: AttachmentBudget): SizeLimit {
  const perRequest = budget.remaining < config.maxAttachmentBytes;
  const bytes = Math.max(0, Math.min(config.maxAttachmentBytes, budget.remaining));
  const message = perRequest
    ? `Attachments exceed the limit of ${config.maxAttachmentsBytesPerRequest} bytes per request`
    : `Attachment exceeds the limit of ${config.maxAttachmentBytes} bytes`;
  return {
    bytes,
    tooLarge: (path, size) => new ApiError(413, [{ path, message, rejectedValue: size, source: "JSON" }]),
  };
}
