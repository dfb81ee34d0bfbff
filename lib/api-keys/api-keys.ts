import { createHash } from "node:crypto";
import type { DbClient } from "../db";
import { newId, randomToken } from "../ids";

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Creates a key and returns its secret: the only time the secret is ever visible. */
export async function createApiKey(
  db: DbClient,
  { workspaceId, name, secret = `cz_${randomToken(32)}`, createdBy }: { workspaceId: string; name: string; secret?: string; createdBy?: string },
) {
  const key = await db.apiKey.create({
    data: { id: newId("key"), workspaceId, name, prefix: secret.slice(0, 7), secretHash: hashSecret(secret), createdBy },
  });
  return { key, secret };
}

export async function findActiveApiKey(db: DbClient, secret: string) {
  const key = await db.apiKey.findUnique({ where: { secretHash: hashSecret(secret) } });
  return key && !key.revokedAt ? key : null;
}
