// Prisma's schema engine, run from its WASM build (the native engine can't be downloaded here).
// The package's entry imports a .wasm file directly, which plain Node 20 can't load, so the
// module and its wasm are wired together by hand.
// Plain JavaScript (typed by schema-engine.d.mts): the embedded database is migrated in a worker
// thread (prepare-data-dir.mjs), and worker threads load files directly.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const FILTERS = { externalTables: [], externalEnums: [] };
let engineModule;

function projectRoot() {
  return process.env.CRYSTALLIZE_ROOT ?? path.join(/*turbopackIgnore: true*/ process.cwd());
}

async function loadEngineModule() {
  const require = createRequire(path.join(/*turbopackIgnore: true*/ projectRoot(), "package.json"));
  const jsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const mod = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ jsPath);
  const bytes = await readFile(path.join(path.dirname(jsPath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": mod });
  mod.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return mod;
}

export function migrationsDir() {
  return path.join(projectRoot(), "prisma", "migrations");
}

export async function readMigrationList() {
  const baseDir = migrationsDir();
  const entries = await readdir(baseDir, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: await readFile(path.join(baseDir, "migration_lock.toml"), "utf8") },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok", value: await readFile(path.join(baseDir, name, "migration.sql"), "utf8") },
        },
      })),
    ),
  };
}

/**
 * Runs `fn` with a schema engine connected through `factory`. Every connection the engine opens
 * is disposed afterwards: on PostgreSQL it holds an advisory lock it never releases itself.
 */
export async function withSchemaEngine(factory, fn) {
  engineModule ??= loadEngineModule();
  const mod = await engineModule;
  const opened = [];
  const tracking = Object.create(factory);
  tracking.connect = async () => {
    const adapter = await factory.connect();
    opened.push(adapter);
    return adapter;
  };
  const bound = bindMigrationAwareSqlAdapterFactory(tracking);
  const schemaPath = path.join(projectRoot(), "prisma", "schema.prisma");
  const schema = { path: schemaPath, content: await readFile(schemaPath, "utf8") };
  const engine = await mod.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, bound);
  try {
    return await fn(engine, schema);
  } catch (err) {
    throw explainEngineError(err, bound);
  } finally {
    engine.free();
    await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
  }
}

// Adapter errors reach us as "External error id#N"; the real error waits in the registry.
function explainEngineError(err, bound) {
  const text = err instanceof Error ? err.message : String(err);
  const match = /id#(\d+)/.exec(text);
  if (match) {
    const inner = bound.errorRegistry.consumeError(Number(match[1]));
    if (inner) return new Error(`${text}: ${JSON.stringify(inner.error)}`);
  }
  return err instanceof Error ? err : new Error(text);
}

export async function applyMigrations(factory) {
  const migrationsList = await readMigrationList();
  return withSchemaEngine(factory, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: FILTERS });
    return out.appliedMigrationNames;
  });
}

/** The SQL that brings the migrations up to the schema, or null when they already match. */
export async function diffSchemaAgainstMigrations(factory) {
  const migrationsList = await readMigrationList();
  return withSchemaEngine(factory, async (engine, schema) => {
    const out = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: FILTERS,
    });
    return out.exitCode === 2 ? (out.stdout ?? "") : null;
  });
}
