import { execFileSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../lib/db/schema-engine.mjs";
import { startHttpServer } from "./engine-helpers";
import { afterDeliveries, keysByStep, setupEffectChain, spawnWorker, waitAllFinal } from "./fault-helpers";

// Database faults while runs execute: every connection dropped (pg_terminate_backend), and
// PostgreSQL itself restarted the hard way (pg_ctl restart -m immediate: no shutdown checkpoint,
// crash recovery on start). They run on a PostgreSQL cluster of the test's own, started from the
// machine's binaries, so restarting it disturbs no other test. Workers are supervised as a
// service manager would: one that exits is started again, and the restarts are counted.

const mainUrl = process.env.DATABASE_URL;
const RUNS = 20;
const STEPS = 3;
const DROPS = 3;

function pgBin(): string {
  const root = "/usr/lib/postgresql";
  const version = existsSync(root) ? readdirSync(root).sort().reverse().find((v) => existsSync(path.join(root, v, "bin", "initdb"))) : undefined;
  if (!version) throw new Error("PostgreSQL server binaries (initdb, pg_ctl) are not installed");
  return path.join(root, version, "bin");
}

describe.skipIf(!mainUrl)("PostgreSQL faults mid-run: dropped connections and a restart", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cz-pg-"));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const asPostgres = (cmd: string, args: string[]) =>
    execFileSync(process.getuid?.() === 0 ? "runuser" : cmd, process.getuid?.() === 0 ? ["-u", "postgres", "--", cmd, ...args] : args, { stdio: "pipe" });
  const pgCtl = (...args: string[]) => asPostgres(path.join(pgBin(), "pg_ctl"), ["-D", path.join(dir, "data"), "-w", ...args]);
  const workers = new Set<ChildProcess>();
  // -l: the server logs to a file, so it does not hold our stdout pipe open.
  const startPg = () => pgCtl("-l", path.join(dir, "log"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, "start");

  beforeAll(async () => {
    if (process.getuid?.() === 0) {
      chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
      chmodSync(dir, 0o700);
    }
    asPostgres(path.join(pgBin(), "initdb"), ["-D", path.join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"]);
    startPg();
    await applyMigrations(new PrismaPg({ connectionString: url, max: 1 }));
    process.env.DATABASE_URL = url;
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) w.kill("SIGKILL");
    const { closeDb } = await import("../lib/db");
    await closeDb().catch(() => {});
    try {
      pgCtl("-m", "immediate", "stop");
    } catch {
      // already down
    }
    rmSync(dir, { recursive: true, force: true });
    process.env.DATABASE_URL = mainUrl;
  }, 60_000);

  it(`${RUNS} runs of ${STEPS} effect steps survive ${DROPS} dropped connections and a PostgreSQL restart, each effect once`, async () => {
    const { getDb } = await import("../lib/db");
    const { startRun } = await import("../lib/runs/start-run");
    const tool = await startHttpServer(() => ({ status: 200, body: { recorded: true } }), 100);
    const { workspaceId, automationId } = await setupEffectChain(tool.url, STEPS, "faults");
    const db = await getDb();
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) runIds.push(await startRun(db, { workspaceId, automationId, trigger: "manual" }));

    let restarts = 0;
    let stopping = false;
    const supervise = () => {
      const w = spawnWorker(url);
      workers.add(w);
      w.once("exit", () => {
        workers.delete(w);
        if (stopping) return;
        restarts++;
        setTimeout(supervise, 200);
      });
    };
    const t0 = Date.now();
    supervise();

    const total = RUNS * STEPS;
    let dropped = 0;
    for (let k = 0; k < DROPS; k++) {
      await afterDeliveries(tool.requests, Math.floor(((k + 1) * total) / (DROPS + 3)));
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const r = await admin.query("SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'");
      dropped += r.rows[0].n;
      await admin.end();
    }
    await afterDeliveries(tool.requests, Math.floor(((DROPS + 1) * total) / (DROPS + 3)));
    const downAt = Date.now();
    pgCtl("-m", "immediate", "stop");
    await new Promise((r) => setTimeout(r, 1000)); // down for a moment, as a real restart is
    startPg();
    const downMs = Date.now() - downAt;

    const runs = await waitAllFinal(runIds);
    stopping = true;
    // Statuses with the failed steps' errors, so a failure says why.
    const outcome = (r: (typeof runs)[number]) => [r.status, ...r.steps.filter((s) => s.status === "failed").map((s) => s.error)].join(": ");
    expect(runs.map(outcome)).toEqual(runIds.map(() => "succeeded"));
    const keys = keysByStep(tool.requests);
    expect(keys.size).toBe(total);
    expect([...keys.values()].filter((k) => k.size !== 1)).toEqual([]);
    console.log(
      `[faults] ${RUNS} runs, ${total} effects: ${DROPS} drops cut ${dropped} connections, PostgreSQL down ${downMs} ms for a restart; ` +
        `${tool.requests.length} deliveries (${tool.requests.length - total} repeats under the same key), ${restarts} worker restarts, all succeeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    await tool.close();
  }, 240_000);
});
