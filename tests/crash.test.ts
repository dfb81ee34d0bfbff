import type { ChildProcess } from "node:child_process";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../lib/db/schema-engine";
import { randomToken } from "../lib/ids";
import { startHttpServer } from "./engine-helpers";
import { afterDeliveries, keysByStep, setupEffectChain, spawnWorker, waitAllFinal } from "./fault-helpers";

// Kills worker processes (SIGKILL) at random moments while runs execute, on PostgreSQL: only
// there can workers be separate processes. After recovery every run must succeed and no step may
// have run under two idempotency keys. Side effects are counted by an HTTP tool that records
// every delivery with its key.

const mainUrl = process.env.DATABASE_URL;
const RUNS = 20;
const STEPS = 3;
const KILLS = 3;

describe.skipIf(!mainUrl)("a worker killed mid-run (PostgreSQL)", () => {
  let crashUrl = "";
  let dbName = "";
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // Its own database, so no other test file's workers take these jobs.
    dbName = `cz_crash_${randomToken(8).toLowerCase()}`;
    const admin = new pg.Client({ connectionString: mainUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(mainUrl!);
    u.pathname = `/${dbName}`;
    crashUrl = u.toString();
    await applyMigrations(new PrismaPg({ connectionString: crashUrl, max: 1 }));
    process.env.DATABASE_URL = crashUrl; // this test process now talks to that database only
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) w.kill("SIGKILL");
    const { closeDb } = await import("../lib/db");
    const { stopEngine } = await import("../lib/engine/engine");
    await stopEngine();
    await closeDb();
    const admin = new pg.Client({ connectionString: mainUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    process.env.DATABASE_URL = mainUrl;
  }, 60_000);

  it(`${RUNS} runs of ${STEPS} side-effecting steps survive ${KILLS} kill -9s with every step's effect applied once`, async () => {
    const { getDb } = await import("../lib/db");
    const { startRun } = await import("../lib/engine/start-run");
    const db = await getDb();
    // The tool takes 100 ms, so kills land while calls are in flight as well as between steps.
    const tool = await startHttpServer(() => ({ status: 200, body: { recorded: true } }), 100);
    const { workspaceId, automationId } = await setupEffectChain(tool.url, STEPS, "crash");
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) runIds.push(await startRun(db, { workspaceId, automationId, trigger: "manual" }));

    const t0 = Date.now();
    const spawn = () => {
      const w = spawnWorker(crashUrl);
      workers.push(w);
      return w;
    };
    let worker = spawn();
    for (let k = 0; k < KILLS; k++) {
      // Kill at spread-out points of the work, with jitter so the moment within a step varies.
      await afterDeliveries(tool.requests, Math.floor(((k + 1) * RUNS * STEPS) / (KILLS + 2)) + Math.floor(Math.random() * 4));
      worker.kill("SIGKILL");
      await new Promise((r) => worker.once("exit", r));
      worker = spawn();
    }

    const runs = await waitAllFinal(runIds);
    expect(runs.map((r) => r.status)).toEqual(runIds.map(() => "succeeded"));
    // Each effect step was delivered under exactly one key: no step ran twice.
    const keys = keysByStep(tool.requests);
    expect(keys.size).toBe(RUNS * STEPS);
    expect([...keys.values()].every((k) => k.size === 1)).toBe(true);
    expect(runs.flatMap((r) => r.steps).every((s) => s.status === "succeeded" && s.attempt === 1)).toBe(true);
    const redelivered = tool.requests.length - RUNS * STEPS;
    console.log(
      `[crash] ${KILLS} kills, ${RUNS} runs, ${RUNS * STEPS} effects, ${tool.requests.length} deliveries (${redelivered} repeated under the same key, dropped by the tool), all done in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    await tool.close();
  }, 180_000);
});
