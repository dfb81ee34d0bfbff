import { ZDefinition, type TDefinition } from "./schemas";
import type { DbClient } from "../db";

// Versions never change, so a parsed definition is cached for good.
const definitions = new Map<string, TDefinition>();
export async function loadDefinition(db: DbClient, { automationId, version }: { automationId: string; version: number }): Promise<TDefinition> {
  const key = `${automationId}@${version}`;
  let def = definitions.get(key);
  if (!def) {
    const row = await db.automationVersion.findUniqueOrThrow({ where: { automationId_version: { automationId, version } }, select: { definition: true } });
    def = ZDefinition.parse(row.definition);
    if (definitions.size > 500) definitions.clear();
    definitions.set(key, def);
  }
  return def;
}

