import { spawn, type ChildProcess } from "node:child_process";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../lib/db/schema-engine.mjs";
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
    const { startRun } = await import("../lib/runs/start-run");
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

  it("runs a process started itself (no queue job) are swept up by another worker once their lease lapses", async () => {
    const { getDb } = await import("../lib/db");
    const db = await getDb();
    for (const w of workers) w.kill("SIGKILL");
    // The previous test's runs are final, but the jobs its killed workers held come back when their
    // heartbeat lapses: the starter would spend its slots fetching them, and queue one of its own.
    await db.$executeRaw`DELETE FROM pgboss.job WHERE name = 'automation-run'`;
    const tool = await startHttpServer(() => ({ status: 200, body: { recorded: true } }), 100);
    const { workspaceId, automationId } = await setupEffectChain(tool.url, STEPS, "started-here");
    const starter = spawn(process.execPath, ["--import", "tsx", "tests/processes/start-runs.ts", workspaceId, automationId, "4"], {
      env: { ...process.env, DATABASE_URL: crashUrl, RUN_LEASE_MS: "3000" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    workers.push(starter);
    const runIds = await new Promise<string[]>((resolve, reject) => {
      let out = "";
      starter.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]!) as string[]);
      });
      starter.once("exit", (code) => reject(new Error(`the starting process exited (${code}) before starting its runs`)));
    });
    // Each was created already started (running, under its lease), not queued for a worker to claim.
    const created = await db.automationRun.findMany({ where: { id: { in: runIds } } });
    expect(created.every((r) => r.startedAt?.getTime() === r.createdAt.getTime())).toBe(true);
    await afterDeliveries(tool.requests, 2, 0);
    starter.kill("SIGKILL");
    await new Promise((r) => starter.once("exit", r));

    workers.push(spawnWorker(crashUrl));
    const runs = await waitAllFinal(runIds, 60_000);
    expect(runs.map((r) => r.status)).toEqual(runIds.map(() => "succeeded"));
    const keys = keysByStep(tool.requests);
    expect(keys.size).toBe(runIds.length * STEPS);
    expect([...keys.values()].every((k) => k.size === 1)).toBe(true);
    // Nothing went through the queue: they were started in place, and resumed by the sweep.
    const jobs = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'automation-run' AND data->>'runId' = ANY(${runIds})`;
    expect(jobs[0]!.n).toBe(0);
    await tool.close();
  }, 120_000);

  it("a step that takes its worker down every time fails after the second interruption, and the run fails", async () => {
    const { getDb } = await import("../lib/db");
    const { startRun } = await import("../lib/runs/start-run");
    const db = await getDb();
    for (const w of workers) w.kill("SIGKILL"); // the previous test's workers
    // The call never answers in time: the worker is killed while the step is in flight, every time.
    const tool = await startHttpServer(() => ({ status: 200, body: { recorded: true } }), 60_000);
    const { workspaceId, automationId } = await setupEffectChain(tool.url, 1, "always-crashes");
    const runId = await startRun(db, { workspaceId, automationId, trigger: "manual" });
    const stepRow = () => db.stepRun.findUniqueOrThrow({ where: { runId_stepKey: { runId, stepKey: "effect_0" } } });

    let worker = spawnWorker(crashUrl);
    workers.push(worker);
    for (let k = 0; k < 2; k++) {
      await afterDeliveries(tool.requests, k + 1, 0);
      // Recorded as running (the first time it is written 50 ms into the step), as a crash leaves it.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (await stepRow()).status !== "running") await new Promise((r) => setTimeout(r, 10));
      worker.kill("SIGKILL");
      await new Promise((r) => worker.once("exit", r));
      worker = spawnWorker(crashUrl);
      workers.push(worker);
    }

    const [run] = await waitAllFinal([runId], 90_000);
    expect(run?.status).toBe("failed");
    const step = await stepRow();
    expect(step.status).toBe("failed");
    expect(step.error).toBe("interrupted twice while running (the worker stopped or crashed): not started again");
    expect(step.interruptions).toBe(2);
    // Two deliveries, one per worker that died: the third worker did not start it again.
    expect(tool.requests.length).toBe(2);
    worker.kill("SIGKILL");
    void tool.close();
  }, 180_000);
});
