// npm run bench:webhook: the engine's cost end to end, through the public API, on the workload the
// n8n peer benchmark (../shared/peers/n8n) runs: a webhook, then 3 (automation a) or 10 (b)
// chained transforms, each adding 1 to its upstream output, on a production build with a fresh
// database: embedded PGlite, then PostgreSQL (BENCH_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/crystallize_bench). `-- pglite` or `-- pg` runs one.
//
// - sequential: 200 webhooks, a and b alternating in blocks of 10, each freshly signed and sent
//   with ?wait=30, so its answer comes when the run is final (as n8n's "respond when the last
//   node finishes"); the client's p50/p99, and the run's own created → ended time.
// - throughput: 1, 4 and 16 clients sending signed webhooks to a for 20 s each (answered at once,
//   202); then the wait until every queued run is final. Completed runs per second over the
//   whole span, first request to last run final.
// - memory: the server's whole process tree, sampled every second: at idle and at peak.
// - on PostgreSQL: transactions and row writes per run, from pg_stat_database over the
//   throughput phases (pg-boss's own upkeep included).
// - scaling out: the web server with WORKERS=0 and 1, then 2 `npm run worker` processes, at 16
//   clients (`-- workers` runs only this).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import pg from "pg";
import { signWebhook } from "../lib/triggers/webhook-signature";
import { BENCH_KEY, startBenchServer } from "./bench-server";
import { addOneChain } from "../tests/add-one-chain";
import { cpuSeconds, postgresPids, treePids, treeRssMiB } from "./bench-rss";

const PORT = 3315;
const BASE = `http://127.0.0.1:${PORT}/api/v1`;
const SEQ_N = Number(process.env.SEQ_N || 200);
const DURATION_S = Number(process.env.DURATION_S || 20);
const CLIENTS = (process.env.CONCURRENCY || "1,4,16").split(",").map(Number);
const PG_URL = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/crystallize_bench";
const headers = { authorization: `Bearer ${BENCH_KEY}`, "content-type": "application/json" };

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

type Hook = { id: string; secret: string; automation_id: string; steps: number };

async function createHook(name: string, steps: number): Promise<Hook> {
  const a = await api<{ id: string }>("POST", "/automations", { name, definition: addOneChain(steps) });
  await api("POST", `/automations/${a.id}/activate`, {});
  const t = await api<{ id: string; secret: string; automation_id: string }>("POST", `/automations/${a.id}/triggers`, { kind: "webhook" });
  return { ...t, steps };
}

let nonce = 0;
async function deliver(hook: Hook, wait: boolean) {
  const body = JSON.stringify({ start: 0, nonce: `${process.pid}-${++nonce}` });
  const res = await fetch(`${BASE}/hooks/${hook.id}${wait ? "?wait=30" : ""}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-crystallize-signature": signWebhook(hook.secret, body) },
    body,
  });
  const out = (await res.json()) as { run_id: string; status?: string; output?: Record<string, unknown> };
  if (res.status !== (wait ? 200 : 202)) throw new Error(`webhook answered ${res.status}: ${JSON.stringify(out)}`);
  return out;
}

class Memory {
  samples: number[] = [];
  private timer?: NodeJS.Timeout;
  constructor(private readonly pid: number) {}
  start() {
    this.timer = setInterval(() => this.samples.push(treeRssMiB(this.pid)), 1000);
  }
  stop() {
    clearInterval(this.timer);
  }
}

/** scripts/serve.mjs, the server itself: the benchmark's launcher (tsx) around it is not counted. */
function serverPid(launcher: ChildProcess): number {
  for (let i = 0; i < 50; i++) {
    const rows = execFileSync("ps", ["-eo", "pid=,ppid=,args="]).toString().split("\n");
    const child = rows.map((l) => l.trim().split(/\s+/)).find(([, ppid, ...args]) => Number(ppid) === launcher.pid && args.join(" ").includes("serve.mjs"));
    if (child) return Number(child[0]);
    execFileSync("sleep", ["0.1"]);
  }
  throw new Error("the next server process was not found");
}

async function pgCounters(url: string | undefined) {
  if (!url) return null;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // Backends flush their counters at least once a second when idle.
  await new Promise((r) => setTimeout(r, 1500));
  const { rows } = await c.query(
    "SELECT xact_commit::int AS xacts, tup_inserted::int AS ins, tup_updated::int AS upd, tup_deleted::int AS del FROM pg_stat_database WHERE datname = current_database()",
  );
  await c.end();
  return rows[0] as { xacts: number; ins: number; upd: number; del: number };
}

async function drained(hookAutomation: string) {
  for (;;) {
    const open = await Promise.all(["queued", "running"].map((s) => api<{ data: unknown[] }>("GET", `/runs?automation_id=${hookAutomation}&status=${s}&limit=1`)));
    if (open.every((o) => o.data.length === 0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `clients` senders for DURATION_S, then the wait until every run is final. */
async function throughput(hook: Hook, clients: number) {
  let sent = 0;
  const start = performance.now();
  const until = start + DURATION_S * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        await deliver(hook, false);
        sent++;
      }
    }),
  );
  const sending = (performance.now() - start) / 1000;
  await drained(hook.automation_id);
  const span = (performance.now() - start) / 1000;
  const perSecond = sent / span;
  return { sent, perSecond, line: `${perSecond.toFixed(0)} runs/s completed (${sent} runs, ${span.toFixed(1)} s to the last final; ${(sent / sending).toFixed(0)} webhooks/s accepted)` };
}

function benchDbUrl() {
  const u = new URL(PG_URL);
  u.pathname = `/${u.pathname.slice(1) || "crystallize"}_e2e_${PORT}`;
  return u.toString();
}

/**
 * Scaling out on PostgreSQL: the web server runs no runs (WORKERS=0) and 1, then 2 worker
 * processes (npm run worker) execute them; 16 clients, as above.
 */
async function workerProcesses() {
  const { server } = await startBenchServer(PORT, { RATE_LIMIT_WEBHOOK_PER_MIN: "100000000", DATABASE_URL: PG_URL, WORKERS: "0" });
  const lines: string[] = [];
  const workers: ChildProcess[] = [];
  try {
    const a = await createHook("bench a (3 steps)", 3);
    const rates: number[] = [];
    for (const n of [1, 2]) {
      while (workers.length < n) {
        const w = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env: { MALLOC_ARENA_MAX: "2", ...process.env, DATABASE_URL: benchDbUrl() }, stdio: ["ignore", "pipe", "inherit"] });
        await new Promise<void>((resolve, reject) => {
          w.stdout!.on("data", (c: Buffer) => c.toString().includes("ready") && resolve());
          w.once("exit", (code) => reject(new Error(`a worker exited (${code})`)));
        });
        workers.push(w);
      }
      for (let i = 0; i < 20; i++) await deliver(a, true);
      const web = serverPid(server);
      const pids = () => [...treePids(web), ...workers.map((w) => w.pid!)];
      const before = { app: cpuSeconds(pids()), pg: cpuSeconds(postgresPids()) };
      const t = await throughput(a, 16);
      const perRun = (s: number) => ((1000 * s) / t.sent).toFixed(2);
      rates.push(t.perSecond);
      const l = `[pg, WORKERS=0 web + ${n} worker process${n > 1 ? "es" : ""}] 16 clients: ${t.line}; CPU per run: web + workers ${perRun(cpuSeconds(pids()) - before.app)} ms, PostgreSQL ${perRun(cpuSeconds(postgresPids()) - before.pg)} ms`;
      console.log(l);
      lines.push(l);
    }
    const l = `[pg] 2 worker processes do ${(rates[1]! / rates[0]!).toFixed(2)}× the runs/s of 1 (target ≥ 1.6×)`;
    console.log(l);
    lines.push(l);
  } finally {
    for (const w of workers) w.kill("SIGTERM");
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  return lines;
}

async function backend(kind: "pglite" | "pg") {
  const env: Record<string, string> = { RATE_LIMIT_WEBHOOK_PER_MIN: "100000000", DATABASE_URL: kind === "pg" ? PG_URL : "" };
  const { server } = await startBenchServer(PORT, env);
  const pid = serverPid(server);
  const dbUrl = kind === "pg" ? benchDbUrl() : undefined;
  const lines: string[] = [];
  const say = (l: string) => (console.log(l), lines.push(l));
  try {
    const a = await createHook("bench a (3 steps)", 3);
    const b = await createHook("bench b (10 steps)", 10);

    // Idle: the server as a user finds it, set up and not yet loaded.
    await new Promise((r) => setTimeout(r, 2000));
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) {
      idle.push(treeRssMiB(pid));
      await new Promise((r) => setTimeout(r, 1000));
    }
    const memory = new Memory(pid);
    memory.start();

    for (let i = 0; i < 20; i++) await deliver(i % 2 ? a : b, true); // warm-up: compile the routes, fill caches

    const times = { a: [] as number[], b: [] as number[] };
    const runIds = { a: [] as string[], b: [] as string[] };
    for (let i = 0; i < SEQ_N; i++) {
      const which = Math.floor(i / 10) % 2 ? "b" : "a";
      const hook = which === "a" ? a : b;
      const start = performance.now();
      const out = await deliver(hook, true);
      times[which].push(performance.now() - start);
      const last = out.output?.[`s${hook.steps}`];
      if (out.status !== "succeeded" || last !== hook.steps) throw new Error(`run ${out.run_id} ended ${out.status} with ${JSON.stringify(out.output)}`);
      runIds[which].push(out.run_id);
    }
    const own = async (ids: string[]) => {
      const spans = await Promise.all(ids.map(async (id) => {
        const r = await api<{ created_at: string; ended_at: string }>("GET", `/runs/${id}`);
        return Date.parse(r.ended_at) - Date.parse(r.created_at);
      }));
      return quantile(spans, 0.5);
    };
    const ownA = await own(runIds.a);
    const ownB = await own(runIds.b);
    const p50a = quantile(times.a, 0.5);
    const p50b = quantile(times.b, 0.5);
    say(`[${kind}] sequential (${SEQ_N}, ?wait=30): a p50 ${ms(p50a)} p99 ${ms(quantile(times.a, 0.99))} | b p50 ${ms(p50b)} p99 ${ms(quantile(times.b, 0.99))}`);
    say(`[${kind}]   the runs' own created → ended, median: a ${ms(ownA)}, b ${ms(ownB)}`);
    say(`[${kind}]   per-step overhead (b − a) / 7: client ${ms((p50b - p50a) / 7)}, the runs' own ${ms((ownB - ownA) / 7)}`);

    const before = await pgCounters(dbUrl);
    const cpuBefore = { server: cpuSeconds(treePids(pid)), pg: cpuSeconds(postgresPids()) };
    let total = 0;
    for (const clients of CLIENTS) {
      const t = await throughput(a, clients);
      total += t.sent;
      say(`[${kind}] ${String(clients).padStart(2)} clients: ${t.line}`);
    }
    memory.stop();
    const cpu = { server: cpuSeconds(treePids(pid)) - cpuBefore.server, pg: cpuSeconds(postgresPids()) - cpuBefore.pg };
    const after = await pgCounters(dbUrl);
    say(`[${kind}]   CPU per run over the throughput phases: server ${((1000 * cpu.server) / total).toFixed(2)} ms${kind === "pg" ? `, PostgreSQL ${((1000 * cpu.pg) / total).toFixed(2)} ms` : ""}`);
    if (before && after) {
      const per = (k: keyof typeof before) => ((after[k] - before[k]) / total).toFixed(1);
      say(`[${kind}]   per run (pg_stat_database): ${per("xacts")} transactions, ${per("ins")} rows inserted, ${per("upd")} updated, ${per("del")} deleted`);
    }
    say(`[${kind}] RSS of the server's process tree: idle ${Math.max(...idle).toFixed(0)} MiB, peak under load ${Math.max(...memory.samples).toFixed(0)} MiB`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  return lines;
}

/** The database the bench server's own is made beside (e2e-server connects to it to make that one). */
async function ensureBaseDatabase() {
  const u = new URL(PG_URL);
  const name = u.pathname.slice(1);
  u.pathname = "/postgres";
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (!rowCount) await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
}

async function main() {
  const only = process.argv[2];
  if (only !== "pglite") await ensureBaseDatabase();
  const kinds = (only === "pg" || only === "pglite" ? [only] : only === "workers" ? [] : ["pglite", "pg"]) as ("pglite" | "pg")[];
  const all: string[] = [];
  for (const k of kinds) all.push(...(await backend(k)));
  if (!only || only === "workers") all.push(...(await workerProcesses()));
  console.log(`\n${all.join("\n")}`);
  console.log("targets: sequential p50 ≤ 10 ms; per step ≤ 1 ms; 16 clients ≥ 500 runs/s (PostgreSQL), ≥ 150 (PGlite); RSS idle ≤ 300 MiB (PostgreSQL) / 400 (PGlite), peak ≤ 600");
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
