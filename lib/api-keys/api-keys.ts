import { hashSecret } from "../security/hash-secret";
import { notFound } from "../errors";
import type { ApiKey } from "../generated/prisma/client";
import type { DbClient } from "../db";
import { newId, randomToken } from "../ids";


/** Creates a key and returns its secret: the only time the secret is ever visible. */
export async function createApiKey(
  db: DbClient,
  {
    workspaceId,
    name,
    secret = `cz_${randomToken(32)}`,
    createdBy,
    role = "admin",
  }: { workspaceId: string; name: string; secret?: string; createdBy?: string; role?: "admin" | "member" },
) {
  const key = await db.apiKey.create({
    data: { id: newId("key"), workspaceId, name, prefix: secret.slice(0, 7), secretHash: hashSecret(secret), createdBy, role },
  });
  return { key, secret };
}

export async function findActiveApiKey(db: DbClient, secret: string) {
  const key = await db.apiKey.findUnique({ where: { secretHash: hashSecret(secret) } });
  return key && !key.revokedAt ? key : null;
}

export const presentApiKey = (k: ApiKey) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  role: k.role,
  created_by: k.createdBy,
  last_used_at: k.lastUsedAt?.toISOString() ?? null,
  revoked_at: k.revokedAt?.toISOString() ?? null,
  created_at: k.createdAt.toISOString(),
});

/** Revoking is a timestamp, not a delete, so the list keeps showing what a key was. */
export async function revokeApiKey(db: DbClient, workspaceId: string, keyId: string) {
  const key = await db.apiKey.findFirst({ where: { id: keyId, workspaceId } });
  if (!key) throw notFound("API key", keyId);
  if (key.revokedAt) return key;
  return db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
}
