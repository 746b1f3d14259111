/** Whether a conversation exists: Create Thread answers 404 for an unknown one before judging the body. */
import { eq } from "drizzle-orm";
import { conversations } from "../../db/schema";
import type { Services } from "../../services";

export async function conversationExists({ db }: Pick<Services, "db">, id: number): Promise<boolean> {
  const rows = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, id)).limit(1);
  return rows.length > 0;
}
