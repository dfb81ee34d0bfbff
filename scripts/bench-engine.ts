// npm run bench:engine: the engine's per-step overhead and its throughput, on embedded PGlite and
// on PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/crystallize_bench,
// created and reset by this script). Each backend runs in its own process, because the database
// is chosen per process.
//
// - overhead: a chain of 1, 10 and 100 no-op steps (JSONata "1"); the run's own start → end time
//   from the database, per step, median of 5. No-op steps make this the engine's cost alone:
//   planning, input resolution, and the state writes a step needs.
// - throughput: runs of a 3-step chain, at 1 and at 16 in flight, from "start run" (one
//   transaction with the queued job) to "run finished" in-process.
import { spawnSync } from "node:child_process";
import pg from "pg";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function child() {
  const { getDb, closeDb } = await import("../lib/db");
  const { startEngine, stopEngine } = await import("../lib/engine/engine");
  const { runEvents } = await import("../lib/engine/runner");
  const { startRun } = await import("../lib/runs/start-run");
  const { createAutomation } = await import("../lib/automations/create-automation");
  const { ZDefinition } = await import("../lib/automations/schemas");
  const { newId } = await import("../lib/ids");

  const db = await getDb();
  await startEngine(16);
  const ws = await db.workspace.create({ data: { id: newId("ws"), name: "bench" } });
  const chain = (n: number) =>
    ZDefinition.parse({
      steps: Array.from({ length: n }, (_, i) => ({ key: `s${i}`, type: "action", action_kind: "transform", inputs: { expression: "1" }, depends_on: i ? [`s${i - 1}`] : [] })),
    });
  const automationOf = async (n: number) =>
    (await db.$transaction((tx) => createAutomation(tx, { workspaceId: ws.id, name: `chain ${n}`, definition: chain(n), author: "bench" }))).id;

  // A run can settle before startRun returns its id, so outcomes are kept until collected.
  const outcomes = new Map<string, string>();
  const waiters = new Map<string, (status: string) => void>();
  runEvents.on("settled", (id: string, status: string) => {
    const w = waiters.get(id);
    if (w) w(status);
    else outcomes.set(id, status);
  });
  async function runOnce(automationId: string) {
    const id = await startRun(db, { workspaceId: ws.id, automationId, trigger: "manual" });
    const status = outcomes.get(id) ?? (await new Promise<string>((r) => waiters.set(id, r)));
    outcomes.delete(id);
    waiters.delete(id);
    if (status !== "succeeded") throw new Error(`run ${id} ${status}`);
    return id;
  }

  const overhead: Record<string, { run_ms: number; per_step_ms: number }> = {};
  for (const n of [1, 10, 100]) {
    const auto = await automationOf(n);
    await runOnce(auto); // warm-up: caches, JIT, first queries
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await runOnce(auto);
      const r = await db.automationRun.findUniqueOrThrow({ where: { id } });
      times.push(r.endedAt!.getTime() - r.startedAt!.getTime());
    }
    overhead[n] = { run_ms: median(times), per_step_ms: +(median(times) / n).toFixed(2) };
  }

  const throughput: Record<string, { runs: number; seconds: number; runs_per_s: number; p50_ms: number; p99_ms: number }> = {};
  const three = await automationOf(3);
  for (const [concurrency, total] of [
    [1, 100],
    [16, 800],
  ] as const) {
    await runOnce(three);
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          next++;
          const t0 = performance.now();
          await runOnce(three);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    throughput[`c${concurrency}`] = {
      runs: total,
      seconds: +seconds.toFixed(2),
      runs_per_s: Math.round(total / seconds),
      p50_ms: +sorted[Math.floor(sorted.length / 2)]!.toFixed(1),
      p99_ms: +sorted[Math.floor(sorted.length * 0.99)]!.toFixed(1),
    };
  }
  await stopEngine();
  await closeDb();
  console.log(JSON.stringify({ overhead, throughput }));
  process.exit(0);
}

async function main() {
  const pgUrl = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/crystallize_bench";
  const results: Record<string, unknown> = {};
  for (const backend of ["pglite", "postgres"] as const) {
    const env: NodeJS.ProcessEnv = { ...process.env, BENCH_CHILD: "1", SEED_DEMO: "0" };
    if (backend === "pglite") {
      delete env.DATABASE_URL;
      env.DATA_DIR = "memory://";
    } else {
      const u = new URL(pgUrl);
      const name = u.pathname.slice(1);
      const admin = new pg.Client({ connectionString: Object.assign(new URL(pgUrl), { pathname: "/postgres" }).toString() });
      try {
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
      } catch (err) {
        console.log(`postgres: skipped (${(err as Error).message})`);
        continue;
      }
      env.DATABASE_URL = pgUrl;
      const migrated = spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts", "deploy"], { env, encoding: "utf8" });
      if (migrated.status !== 0) throw new Error(migrated.stderr);
    }
    const out = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-engine.ts"], { env, encoding: "utf8", maxBuffer: 1 << 24 });
    const line = out.stdout.trim().split("\n").pop() ?? "";
    if (out.status !== 0 || !line.startsWith("{")) throw new Error(`${backend} bench failed:\n${out.stderr}\n${out.stdout}`);
    results[backend] = JSON.parse(line);
    console.log(`${backend}:`, JSON.stringify(results[backend], null, 2));
  }
}

(process.env.BENCH_CHILD ? child() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
