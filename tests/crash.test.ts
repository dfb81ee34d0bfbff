import { spawn, type ChildProcess } from "node:child_process";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../lib/db/schema-engine";
import { randomToken } from "../lib/ids";
import { startHttpServer } from "./engine-helpers";

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

  function spawnWorker() {
    // node --import tsx: one process, so SIGKILL hits the worker itself (the tsx CLI forks a child).
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, DATABASE_URL: crashUrl, WORKERS: "4", RUN_LEASE_MS: "3000" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    workers.push(child);
    return child;
  }

  it(`${RUNS} runs of ${STEPS} side-effecting steps survive ${KILLS} kill -9s with every step's effect applied once`, async () => {
    const { getDb } = await import("../lib/db");
    const { createApiKey } = await import("../lib/api-keys/api-keys");
    const { newId } = await import("../lib/ids");
    const { createAutomation } = await import("../lib/automations/create-automation");
    const { startRun } = await import("../lib/engine/start-run");
    const { ZDefinition } = await import("../lib/automations/schemas");
    const db = await getDb();

    // The tool takes 100 ms, so kills land while calls are in flight as well as between steps.
    const tool = await startHttpServer(() => ({ status: 200, body: { recorded: true } }), 100);
    const workspace = await db.workspace.create({ data: { id: newId("ws"), name: "crash", egressAllowList: ["127.0.0.1"] } });
    await createApiKey(db, { workspaceId: workspace.id, name: "crash" });
    await db.toolProvider.create({
      data: { id: newId("tp"), workspaceId: workspace.id, name: "recorder", kind: "http", config: { url: `${tool.url}/tool`, headers: {} }, tools: [{ name: "record_effect" }] },
    });
    const steps: Record<string, unknown>[] = [];
    for (let i = 0; i < STEPS; i++) {
      steps.push({ key: `effect_${i}`, type: "action", action_kind: "record_effect", inputs: { n: i }, depends_on: i ? [`effect_${i - 1}`] : [] });
    }
    const automation = await db.$transaction((tx) =>
      createAutomation(tx, { workspaceId: workspace.id, name: "crash", definition: ZDefinition.parse({ steps }), author: "test" }),
    );
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) runIds.push(await startRun(db, { workspaceId: workspace.id, automationId: automation.id, trigger: "manual" }));

    const t0 = Date.now();
    let worker = spawnWorker();
    for (let k = 0; k < KILLS; k++) {
      // Kill at spread-out points of the work, with jitter so the moment within a step varies.
      const target = Math.floor(((k + 1) * RUNS * STEPS) / (KILLS + 2)) + Math.floor(Math.random() * 4);
      const deadline = Date.now() + 60_000;
      while (tool.requests.length < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 100)));
      worker.kill("SIGKILL");
      await new Promise((r) => worker.once("exit", r));
      worker = spawnWorker();
    }

    const deadline = Date.now() + 120_000;
    let runs = await db.automationRun.findMany({ where: { id: { in: runIds } }, include: { steps: true } });
    while (runs.some((r) => !["succeeded", "failed", "canceled"].includes(r.status)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      runs = await db.automationRun.findMany({ where: { id: { in: runIds } }, include: { steps: true } });
    }

    expect(runs.map((r) => r.status)).toEqual(runIds.map(() => "succeeded"));
    // Each effect step was delivered under exactly one key: no step ran twice.
    const keysByStep = new Map<string, Set<string>>();
    for (const req of tool.requests) {
      const key = String((req.body as { idempotency_key: string }).idempotency_key);
      const step = key.split(":").slice(0, 2).join(":");
      keysByStep.set(step, (keysByStep.get(step) ?? new Set()).add(key));
    }
    expect(keysByStep.size).toBe(RUNS * STEPS);
    expect([...keysByStep.values()].every((keys) => keys.size === 1)).toBe(true);
    expect(runs.flatMap((r) => r.steps).every((s) => s.status === "succeeded" && s.attempt === 1)).toBe(true);
    const redelivered = tool.requests.length - RUNS * STEPS;
    console.log(
      `[crash] ${KILLS} kills, ${RUNS} runs, ${RUNS * STEPS} effects, ${tool.requests.length} deliveries (${redelivered} repeated under the same key, dropped by the tool), all done in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    await tool.close();
  }, 180_000);
});
