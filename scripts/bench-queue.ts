// npm run bench:queue: the run dispatcher (RunDispatcher in lib/engine/queue/queue.ts) against
// what pg-boss 12 offers for the same job, on PostgreSQL (BENCH_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/crystallize_bench; each variant uses a pg-boss schema of
// its own, dropped first). Eight jobs at a time, each a 5 ms wait, about a run's own time.
//
// - drain: 2,000 queued jobs, until every one is handled: jobs per second.
// - pickup: an idle consumer, one job sent at a time: send → handler start, median and p90.
import pg from "pg";
import { PgBoss } from "pg-boss";
import { RUN_QUEUE, RunDispatcher } from "../lib/engine/queue/queue";

const URL = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/crystallize_bench";
const CONCURRENCY = 8;
const JOB_MS = 5;
const DRAIN_JOBS = 2000;
const PICKUPS = 40;

type Consumer = { start(handle: (runId: string) => Promise<void>): Promise<void>; sent(): void; stop(): Promise<void> };
type Variant = { name: string; consumer(boss: PgBoss): Consumer };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const work = (boss: PgBoss, options: Parameters<PgBoss["work"]>[1]): Consumer => ({
  async start(handle) {
    await boss.work<{ runId: string }>(RUN_QUEUE, options, async (jobs) => {
      await Promise.all(jobs.map((j) => handle(j.data.runId)));
    });
  },
  sent() {},
  stop: () => boss.offWork(RUN_QUEUE, { wait: true }),
});

const VARIANTS: Variant[] = [
  {
    name: "RunDispatcher (ours): fetches as many as slots are free, woken on send",
    consumer(boss) {
      let d: RunDispatcher | undefined;
      return {
        async start(handle) {
          d = new RunDispatcher(boss, CONCURRENCY, handle, async () => [], async () => {});
        },
        sent: () => d?.wake(),
        stop: () => d!.stop(),
      };
    },
  },
  { name: "work(): localConcurrency 8, batchSize 1, polling 0.5 s", consumer: (boss) => work(boss, { localConcurrency: CONCURRENCY, batchSize: 1, pollingIntervalSeconds: 0.5 }) },
  {
    name: "work(): localConcurrency 2, batchSize 4, burstWhenBatchFull",
    consumer: (boss) => work(boss, { localConcurrency: 2, batchSize: 4, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true }),
  },
];

async function measure(variant: Variant, index: number) {
  const schema = `bench_queue_${index}`;
  const admin = new pg.Client({ connectionString: URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
  const boss = new PgBoss({ connectionString: URL, schema, max: 4, superviseIntervalSeconds: 5, monitorIntervalSeconds: 5 });
  boss.on("error", (err: Error) => console.error("[queue]", err.message));
  await boss.start();
  await boss.createQueue(RUN_QUEUE, { retryLimit: 3, heartbeatSeconds: 10 });

  let handled = 0;
  let onStart: ((id: string) => void) | null = null;
  const handle = async (runId: string) => {
    onStart?.(runId);
    await sleep(JOB_MS);
    handled++;
  };

  // Drain: the jobs are queued before the consumer starts.
  await boss.insert(RUN_QUEUE, Array.from({ length: DRAIN_JOBS }, (_, i) => ({ data: { runId: `d${i}` } })));
  const consumer = variant.consumer(boss);
  const t0 = performance.now();
  await consumer.start(handle);
  while (handled < DRAIN_JOBS) await sleep(5);
  const drainS = (performance.now() - t0) / 1000;

  // Pickup: one job at a time into an idle consumer.
  await sleep(1000);
  const pickups: number[] = [];
  for (let i = 0; i < PICKUPS; i++) {
    const id = `p${i}`;
    const started = new Promise<void>((resolve) => (onStart = (got) => got === id && resolve()));
    const t = performance.now();
    await boss.send(RUN_QUEUE, { runId: id });
    consumer.sent();
    await started;
    pickups.push(performance.now() - t);
    await sleep(20 + Math.random() * 30); // the next webhook arrives a little later
  }
  await consumer.stop();
  await boss.stop({ graceful: false, close: true });
  return { drain: DRAIN_JOBS / drainS, p50: pct(pickups, 0.5), p90: pct(pickups, 0.9) };
}

async function main() {
  const admin = new pg.Client({ connectionString: URL.replace(/\/[^/]*$/, "/postgres") });
  await admin.connect();
  const db = new globalThis.URL(URL).pathname.slice(1);
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [db]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE "${db}"`);
  await admin.end();

  console.log(`${CONCURRENCY} jobs at a time, each a ${JOB_MS} ms wait; PostgreSQL at ${URL}`);
  for (const [i, v] of VARIANTS.entries()) {
    const r = await measure(v, i);
    console.log(`${v.name}\n  drain ${r.drain.toFixed(0)} jobs/s · pickup when idle p50 ${r.p50.toFixed(1)} ms, p90 ${r.p90.toFixed(1)} ms`);
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
