import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config } from "../config";

// Secrets at rest (webhook secrets, data-source connection strings, tool-provider header and env
// values) are sealed with AES-256-GCM under a key from the environment. A stored value reads
// `enc:v1:<key id>:<iv>:<tag>:<ciphertext>`; the key id lets a rotated key be told apart.

const PREFIX = "enc:v1:";

type Key = { id: string; bytes: Buffer };
let cached: { source: string; keys: Key[] } | undefined;

function keyFrom(material: string): Key {
  // Any string of 32+ characters works: it is hashed to 32 bytes, so base64, hex or a passphrase all do.
  const bytes = createHash("sha256").update(material).digest();
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 8), bytes };
}

/**
 * CRYSTALLIZE_ENCRYPTION_KEY seals; CRYSTALLIZE_ENCRYPTION_KEY_PREVIOUS (comma-separated) only opens,
 * for a rotation. Without the variable a key file is made beside the embedded database, so
 * `npm start` works out of the box; deployments set the variable.
 */
function keys(): Key[] {
  const env = process.env.CRYSTALLIZE_ENCRYPTION_KEY;
  const source = `${env ?? ""}|${process.env.CRYSTALLIZE_ENCRYPTION_KEY_PREVIOUS ?? ""}|${config.dataDir}`;
  if (cached?.source === source) return cached.keys;
  const primary = env ?? fileKey();
  if (primary.length < 32) throw new Error("CRYSTALLIZE_ENCRYPTION_KEY must be at least 32 characters");
  const previous = (process.env.CRYSTALLIZE_ENCRYPTION_KEY_PREVIOUS ?? "").split(",").filter(Boolean);
  cached = { source, keys: [primary, ...previous].map(keyFrom) };
  return cached.keys;
}

function fileKey(): string {
  if (config.dataDir.startsWith("memory://")) throw new Error("Set CRYSTALLIZE_ENCRYPTION_KEY: an in-memory database has no folder for a key file");
  const file = path.join(config.dataDir, "encryption.key");
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    // "wx": two processes starting at once cannot both write a different key.
    try {
      writeFileSync(file, randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 });
      console.warn(`CRYSTALLIZE_ENCRYPTION_KEY is not set: secrets are sealed with the key in ${file}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    chmodSync(file, 0o600);
  }
  return readFileSync(file, "utf8").trim();
}

export const isSealed = (value: string) => value.startsWith(PREFIX);

export function sealSecret(plain: string): string {
  const key = keys()[0]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${PREFIX}${key.id}:${iv.toString("base64")}:${cipher.getAuthTag().toString("base64")}:${ct.toString("base64")}`;
}

/** The plain value. Values stored before sealing existed read as they are. */
export function openSecret(stored: string): string {
  if (!isSealed(stored)) return stored;
  const [id, iv, tag, ct] = stored.slice(PREFIX.length).split(":");
  const key = keys().find((k) => k.id === id);
  if (!key || !iv || !tag || ct === undefined) throw new Error(`A stored secret was sealed with key ${id}, which is not configured`);
  const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
}

/** Seals every value of a string map (headers, env): the names stay readable, the values do not. */
export const sealValues = (map: Record<string, string> | undefined) =>
  map ? Object.fromEntries(Object.entries(map).map(([k, v]) => [k, sealSecret(v)])) : map;
export const openValues = (map: Record<string, string> | undefined) =>
  map ? Object.fromEntries(Object.entries(map).map(([k, v]) => [k, openSecret(v)])) : map;
