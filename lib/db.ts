import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/prisma/client";
import { config } from "./config";
import { lockDataDir } from "./db/lock";
import { applyMigrations, migrationsDir } from "./db/schema-engine.mjs";

export type Db = PrismaClient;
/** A client or an open transaction: functions that write take one, so callers can group writes. */
export type DbClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * One process's database of automations and runs needs little cache: 16 MB of shared buffers
 * instead of PostgreSQL's 128 MB keeps ~110 MB off the resident set.
 */
const EMBEDDED_SETTINGS = ["shared_buffers=16MB", "work_mem=4MB", "maintenance_work_mem=16MB"];

type Holder = { db?: Promise<Db>; pglite?: PGlite; release?: () => void };

// One database per process, shared by every module copy Next makes (instrumentation and route
// bundles can each load this file): hence the holder on globalThis.
const holder: Holder = ((globalThis as { __crystallizeDb?: Holder }).__crystallizeDb ??= {});

async function openEmbedded(): Promise<Db> {
  const dir = config.dataDir;
  let dataDir = dir;
  if (!dir.startsWith("memory://")) {
    holder.release = lockDataDir(dir);
    dataDir = path.join(dir, "pgdata");
  }
  // A folder is initialised and migrated in a thread of its own (see prepare-data-dir.mjs), so
  // neither initdb's WASM memory nor the schema engine's stays resident in the server.
  // A restart with nothing to migrate, the usual case, costs one query and no thread.
  const inMemory = dir.startsWith("memory://");
  if (!inMemory && !existsSync(path.join(dataDir, "PG_VERSION"))) await prepareDataDir(dataDir);
  let pglite = new PGlite({ dataDir, postgresqlconf: EMBEDDED_SETTINGS });
  if (inMemory) await applyMigrations(new PrismaPGlite(pglite));
  else if (await hasPendingMigrations(pglite)) {
    await pglite.close();
    await prepareDataDir(dataDir);
    pglite = new PGlite({ dataDir, postgresqlconf: EMBEDDED_SETTINGS });
  }
  holder.pglite = pglite;
  return new PrismaClient({ adapter: new PrismaPGlite(pglite) });
}

/** Whether a migration folder has no finished, not rolled back, row in Prisma's table. */
async function hasPendingMigrations(pglite: PGlite): Promise<boolean> {
  const folders = (await readdir(migrationsDir(), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const applied = await pglite
    .query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
    .catch(() => null);
  if (!applied) return true;
  const names = new Set(applied.rows.map((r) => r.migration_name));
  return folders.some((name) => !names.has(name));
}

function prepareDataDir(dataDir: string) {
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/db/prepare-data-dir.mjs");
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(file, { workerData: { dataDir, settings: EMBEDDED_SETTINGS } });
    worker.once("error", reject);
    worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`preparing ${dataDir} failed (exit ${code})`))));
  });
}

function openPostgres(url: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: Number(process.env.DB_POOL_SIZE || 20) }) });
}

/** The database, opened (and, when embedded, migrated) on first use. */
export function getDb(): Promise<Db> {
  if (!holder.db) {
    const url = config.databaseUrl;
    holder.db = url ? Promise.resolve(openPostgres(url)) : openEmbedded();
    holder.db.catch(() => {
      holder.db = undefined;
    });
  }
  return holder.db;
}

/** The embedded PGlite instance, when the app runs on one (the job queue shares it). */
export function getEmbeddedPglite(): PGlite | undefined {
  return holder.pglite;
}

export async function closeDb() {
  const db = await holder.db?.catch(() => undefined);
  holder.db = undefined;
  await db?.$disconnect();
  await holder.pglite?.close();
  holder.pglite = undefined;
  holder.release?.();
  holder.release = undefined;
}
