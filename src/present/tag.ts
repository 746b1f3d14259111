import { z } from "@hono/zod-openapi";
import type { tags } from "../db/schema";

export const TagSchema = z
  .object({ id: z.number().int(), name: z.string(), counter: z.number().int(), color: z.number().int() })
  .openapi("Tag");

export const presentTag = (row: typeof tags.$inferSelect): z.infer<typeof TagSchema> => ({
  id: row.id,
  name: row.name,
  counter: row.counter,
  color: row.color,
});
