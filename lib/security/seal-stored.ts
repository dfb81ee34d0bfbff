import type { DbClient } from "../db";
import { isSealed, sealSecret } from "./secrets";

type StringMap = Record<string, string> | undefined;
const sealMap = (m: StringMap) => (m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, isSealed(v) ? v : sealSecret(v)])) : m);
const hasPlain = (m: StringMap) => !!m && Object.values(m).some((v) => !isSealed(v));

/**
 * Seals secrets written before sealing existed. Runs at start; a no-op once everything is sealed,
 * and safe to repeat (sealed values are left alone). Returns how many rows it changed.
 */
export async function sealStoredSecrets(db: DbClient): Promise<number> {
  let changed = 0;
  for (const t of await db.trigger.findMany({ where: { secret: { not: null } }, select: { id: true, secret: true } })) {
    if (isSealed(t.secret!)) continue;
    await db.trigger.update({ where: { id: t.id }, data: { secret: sealSecret(t.secret!) } });
    changed++;
  }
  for (const d of await db.dataSource.findMany({ select: { id: true, connectionString: true } })) {
    if (isSealed(d.connectionString)) continue;
    await db.dataSource.update({ where: { id: d.id }, data: { connectionString: sealSecret(d.connectionString) } });
    changed++;
  }
  for (const p of await db.toolProvider.findMany({ select: { id: true, config: true } })) {
    const cfg = p.config as { headers?: StringMap; env?: StringMap };
    if (!hasPlain(cfg.headers) && !hasPlain(cfg.env)) continue;
    await db.toolProvider.update({ where: { id: p.id }, data: { config: { ...cfg, headers: sealMap(cfg.headers), env: sealMap(cfg.env) } } });
    changed++;
  }
  return changed;
}
