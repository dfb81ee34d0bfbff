import { afterAll } from "vitest";
import { closeDb } from "../lib/db";

if (!process.env.DATABASE_URL) process.env.DATA_DIR = "memory://";
process.env.SEED_DEMO ??= "0";
process.env.BETTER_AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
process.env.CRYSTALLIZE_ENCRYPTION_KEY ??= "test-encryption-key-test-encryption-key";

afterAll(async () => {
  await closeDb();
});
