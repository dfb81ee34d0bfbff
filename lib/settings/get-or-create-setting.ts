import type { DbClient } from "../db";

/** Reads an instance setting, creating it with `make()` the first time; safe under concurrent starts. */
export async function getOrCreateSetting(db: DbClient, key: string, make: () => string): Promise<string> {
  const existing = await db.appSetting.findUnique({ where: { key } });
  if (existing) return existing.value;
  await db.appSetting.createMany({ data: [{ key, value: make() }], skipDuplicates: true });
  return (await db.appSetting.findUniqueOrThrow({ where: { key } })).value;
}
