// Migrations through Prisma's schema engine (WASM build).
//   deploy          apply pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR
//   create <name>   write prisma/migrations/<timestamp>_<name>/migration.sql from the schema diff
//   check           exit 1 when the schema has changes no migration holds
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { config } from "../lib/config";
import { lockDataDir } from "../lib/db/lock";
import { applyMigrations, diffSchemaAgainstMigrations, migrationsDir } from "../lib/db/schema-engine.mjs";

async function main() {
  const [command, name] = process.argv.slice(2);
  if (command === "deploy") {
    let applied: string[];
    if (config.databaseUrl) {
      applied = await applyMigrations(new PrismaPg({ connectionString: config.databaseUrl, max: 1 }));
    } else {
      const release = lockDataDir(config.dataDir);
      const pglite = new PGlite({ dataDir: path.join(config.dataDir, "pgdata") });
      applied = await applyMigrations(new PrismaPGlite(pglite));
      await pglite.close();
      release();
    }
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
  } else if (command === "create" || command === "check") {
    const sql = await diffSchemaAgainstMigrations(new PrismaPGlite(new PGlite()));
    if (!sql) {
      console.log("The migrations already match the schema.");
    } else if (command === "check") {
      console.error("The schema has changes that no migration holds:\n" + sql);
      process.exitCode = 1;
    } else {
      if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("Usage: migrate create <snake_case_name>");
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const dir = path.join(migrationsDir(), `${stamp}_${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "migration.sql"), sql);
      console.log(`Created ${path.relative(process.cwd(), dir)}/migration.sql`);
    }
  } else {
    throw new Error("Usage: migrate deploy | create <name> | check");
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0), // the engine leaves a long timer behind
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
