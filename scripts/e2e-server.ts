// The server the browser tests drive: a fresh database every time (a new PGlite folder, or a new
// PostgreSQL database next to DATABASE_URL), seeded with the demo, then the production server (scripts/serve.mjs).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { applyMigrations } from "../lib/db/schema-engine.mjs";
import { ensureBuild } from "./ensure-build.mjs";

const E2E_PORT = Number(process.env.E2E_PORT || 3311);

async function freshPostgres(url: string) {
  const target = new URL(url);
  // One per port: the browser tests run two servers at once, and a benchmark may run beside them.
  const name = `${target.pathname.slice(1) || "crystallize"}_e2e_${E2E_PORT}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  target.pathname = `/${name}`;
  const adapter = new PrismaPg({ connectionString: target.toString(), max: 1 });
  await applyMigrations(adapter);
  return target.toString();
}

async function main() {
  ensureBuild();
  const env: NodeJS.ProcessEnv = {
    MALLOC_ARENA_MAX: "2", // as scripts/start.mjs sets it
    ...process.env,
    PORT: String(E2E_PORT),
    BETTER_AUTH_URL: `http://127.0.0.1:${E2E_PORT}`,
    BETTER_AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123",
    BOOTSTRAP_API_KEY: "e2e-admin-key",
    SEED_DEMO: "1",
    // Loopback too, so a test can serve tools on 127.0.0.1; a workspace still has to list it.
    CRYSTALLIZE_EGRESS_PERMIT: "10.0.0.0/8,*.internal,127.0.0.1",
  };
  let dataDir: string | undefined;
  if (process.env.DATABASE_URL) env.DATABASE_URL = await freshPostgres(process.env.DATABASE_URL);
  else env.DATA_DIR = dataDir = mkdtempSync(path.join(tmpdir(), "crystallize-e2e-"));
  const server = spawn(process.execPath, [path.join(import.meta.dirname, "serve.mjs"), "-p", String(E2E_PORT), "-H", "127.0.0.1"], { env, stdio: "inherit" });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.on("exit", (code) => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    process.exit(code ?? 0);
  });
}

void main();
