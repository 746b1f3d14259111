import type { Context } from "hono";
import type { PresentContext } from "../../../domain/conversations/load";
import type { AppEnv } from "../../env";

/** Attachment links point at this Worker and are signed with its secret. */
export const presentContext = (c: Context<AppEnv>): PresentContext => ({
  origin: new URL(c.req.url).origin,
  attachmentSecret: c.env.ATTACHMENT_SIGNING_SECRET,
});
