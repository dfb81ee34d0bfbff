import { afterAll } from "vitest";
import { closeDb } from "../lib/db";

if (!process.env.DATABASE_URL) process.env.DATA_DIR = "memory://";
process.env.SEED_DEMO ??= "0";
process.env.BETTER_AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
process.env.CRYSTALLIZE_ENCRYPTION_KEY ??= "test-encryption-key-test-encryption-key";
// The local servers tests start listen on loopback: workspaces may opt in to reaching them, as an
// operator would permit an internal network. Nothing is open to a workspace that has not.
process.env.CRYSTALLIZE_EGRESS_PERMIT ??= "localhost,127.0.0.1";

afterAll(async () => {
  await closeDb();
});
// Tests sign up many users; the sign-up policy's own tests set SIGNUP themselves.
process.env.SIGNUP ??= "open";
