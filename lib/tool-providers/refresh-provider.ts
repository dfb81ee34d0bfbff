import type { Db } from "../db";
import { providerConfigOf } from "./load-providers";
import { presentProvider } from "./present-provider";
import { assertMayStart, type Audit } from "./assert-may-start";
import { fetchTools } from "./fetch-tools";
import { getProviderOrThrow } from "./get-provider";

/** Asks a stored provider again what it offers; a command the server no longer allows is not started. */
export async function refreshProvider(db: Db, { workspaceId, providerId: id, audit }: { workspaceId: string; providerId: string; audit: Audit }) {
  const p = await getProviderOrThrow(db, { workspaceId, providerId: id });
  const config = providerConfigOf(p);
  await assertMayStart(db, audit, "config", { id: p.id, name: p.name, operation: "refresh" }, config);
  const tools = await fetchTools(db, { workspaceId, providerId: p.id, config });
  return db.$transaction(async (tx) => {
    const row = await tx.toolProvider.update({ where: { id: p.id }, data: { tools: tools as object[], refreshedAt: new Date() } });
    await audit(tx, { action: "tool_provider.refreshed", targetType: "tool_provider", targetId: row.id, details: { name: row.name, kind: row.kind, tools: tools.slice(0, 200).map((t) => t.name) } });
    return presentProvider(row);
  });
}
