import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { applyMigrations } from "../lib/db/schema-engine.mjs";
import { randomToken } from "../lib/ids";

/**
 * On PostgreSQL, gives this test file a fresh, migrated database of its own, for tests that need an
 * installation nobody else has touched (the other files share DATABASE_URL). Embedded runs already
 * have one per process. Call at the top level of the file, before anything opens the database.
 */
export function setUpPrivateDatabase(prefix: string) {
  const mainUrl = process.env.DATABASE_URL;
  if (!mainUrl) return;
  const name = `${prefix}_${randomToken(8).toLowerCase()}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: mainUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const u = new URL(mainUrl);
    u.pathname = `/${name}`;
    await applyMigrations(new PrismaPg({ connectionString: u.toString(), max: 1 }));
    process.env.DATABASE_URL = u.toString();
  }, 60_000);
  afterAll(async () => {
    const { closeDb } = await import("../lib/db");
    await closeDb();
    process.env.DATABASE_URL = mainUrl;
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }, 60_000);
}
