import type { DbClient } from "../db";
import { getProviderOrThrow } from "./get-provider";

/** Deletes a provider of the workspace (steps bound to it block activation again); returns what it was. */
export async function deleteProvider(db: DbClient, { workspaceId, providerId }: { workspaceId: string; providerId: string }) {
  const p = await getProviderOrThrow(db, { workspaceId, providerId });
  await db.toolProvider.delete({ where: { id: p.id } });
  return p;
}
