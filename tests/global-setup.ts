import { PrismaPg } from "@prisma/adapter-pg";
import { applyMigrations } from "../lib/db/schema-engine.mjs";

// With DATABASE_URL, tests share that PostgreSQL database: migrate it once. Without it, every
// test process opens its own in-memory PGlite (see setup.ts) and migrates that.
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (url) await applyMigrations(new PrismaPg({ connectionString: url, max: 1 }));
}
