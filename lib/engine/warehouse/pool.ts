import path from "node:path";
import { demoCalendar } from "../../demo/demo-calendar";
import { Worker } from "node:worker_threads";
import { config } from "../../config";
import { StepError } from "../../errors";
import type { SqlResult } from "../../data-sources/query-data-source";

// The demo warehouse is shared by every workspace: a few worker threads, each with its own
// in-memory PGlite, started as needed. A workspace has at most one query on them at a time and
// workspaces take turns, so one that sends slow queries holds one thread while the others go on
// answering everyone else. PGlite cannot cancel a statement: a query past its limit costs its
// thread, which is terminated and replaced.

const MAX_ROWS = 10_000;
/** An idle thread beyond the first is retired after this long (each holds a PGlite, 100+ MB). */
const IDLE_RETIRE_MS = 60_000;

type Job = {
  id: number;
  workspaceId: string;
  sql: string;
  params: unknown[];
  timeoutMs: number;
  moves: number;
  resolve: (r: SqlResult) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
};
/** `ready` once its warehouse is built. A query's limit counts from when the thread starts it, not from the thread's start. */
type Thread = { worker: Worker; ready?: true; job?: Job; idleTimer?: NodeJS.Timeout; retired?: true };
/** `dump`: the built warehouse's data directory (a tar), which later threads start from. */
type State = { nextId: number; threads: Thread[]; queues: Map<string, Job[]>; turn: string[]; busy: Set<string>; dump?: ArrayBuffer };

const state: State = ((globalThis as { __czWarehousePool?: State }).__czWarehousePool ??= { nextId: 1, threads: [], queues: new Map(), turn: [], busy: new Set() });

function startThread(): Thread {
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/engine/warehouse/worker.mjs");
  const t: Thread = { worker: new Worker(file, { workerData: { dump: state.dump, quarterStart: demoCalendar().quarterStart.toISOString() } }) };
  t.worker.unref();
  t.worker.on("message", (msg: { ready?: true; dump?: ArrayBuffer; started?: number; id?: number; result?: SqlResult; error?: string }) => {
    const job = t.job;
    if (msg.dump) state.dump ??= msg.dump;
    if (msg.ready) t.ready = true;
    if (job && msg.started === job.id) startClock(t, job);
    if (msg.id === undefined || !job || job.id !== msg.id) return;
    finish(t);
    if (msg.error !== undefined) job.reject(new StepError(msg.error, false));
    else job.resolve(msg.result!);
  });
  t.worker.on("error", (err) => retire(t, err.message));
  t.worker.on("exit", () => retire(t, "exited"));
  state.threads.push(t);
  return t;
}

/** Frees a thread and its workspace after a query, and hands out the next one. */
function finish(t: Thread) {
  const job = t.job!;
  clearTimeout(job.timer);
  t.job = undefined;
  state.busy.delete(job.workspaceId);
  if (state.threads.length > 1)
    t.idleTimer = setTimeout(() => {
      if (!t.job && state.threads.length > 1) retire(t, "idle");
    }, IDLE_RETIRE_MS).unref();
  dispatch();
}

/** Takes a thread out of service; a query it was running for another reason than its own limit moves to a fresh one. */
function retire(t: Thread, reason: string, keepJob = true) {
  if (t.retired) return;
  t.retired = true;
  clearTimeout(t.idleTimer);
  state.threads = state.threads.filter((x) => x !== t);
  void t.worker.terminate();
  const job = t.job;
  t.job = undefined;
  if (job) {
    clearTimeout(job.timer);
    state.busy.delete(job.workspaceId);
    // A warehouse that keeps dying (it cannot start, say) fails its queries instead of looping.
    if (keepJob && job.moves++ < 2) enqueue(job, true);
    else if (keepJob) job.reject(new StepError(`demo warehouse unavailable: ${reason}`));
  }
  dispatch();
}

function enqueue(job: Job, front = false) {
  let q = state.queues.get(job.workspaceId);
  if (!q) {
    state.queues.set(job.workspaceId, (q = []));
    state.turn.push(job.workspaceId);
  }
  if (front) q.unshift(job);
  else q.push(job);
}

/** The next job by turns: the first workspace in line with a query waiting and none running. */
function nextJob(): Job | undefined {
  for (let i = 0; i < state.turn.length; i++) {
    const ws = state.turn[i]!;
    if (state.busy.has(ws)) continue;
    const q = state.queues.get(ws)!;
    const job = q.shift()!;
    state.turn.splice(i, 1);
    if (q.length) state.turn.push(ws); // to the back of the line
    else state.queues.delete(ws);
    return job;
  }
  return undefined;
}

function startClock(t: Thread, job: Job) {
  job.timer = setTimeout(() => {
    retire(t, "timeout", false);
    job.reject(new StepError(`statement timeout: the query ran longer than ${job.timeoutMs} ms`));
  }, job.timeoutMs);
}

function dispatch() {
  for (;;) {
    const runnable = state.turn.some((ws) => !state.busy.has(ws));
    if (!runnable) return;
    const idle = state.threads.find((t) => !t.job && t.ready) ?? state.threads.find((t) => !t.job) ?? (state.threads.length < config.warehouseThreads ? startThread() : undefined);
    if (!idle) return;
    const job = nextJob()!;
    clearTimeout(idle.idleTimer);
    idle.job = job;
    state.busy.add(job.workspaceId);
    idle.worker.postMessage({ id: job.id, sql: job.sql, params: job.params, maxRows: MAX_ROWS });
  }
}

/** Runs a query on the demo warehouse for a workspace, within `timeoutMs` of reaching a thread. */
export function queryWarehouse(opts: { workspaceId: string; sql: string; params?: unknown[]; timeoutMs: number; signal: AbortSignal }): Promise<SqlResult> {
  return new Promise<SqlResult>((resolve, reject) => {
    const onAbort = () => {
      const message = typeof opts.signal.reason === "string" ? opts.signal.reason : "canceled";
      const running = state.threads.find((t) => t.job === job);
      if (running) retire(running, message, false);
      else {
        const q = state.queues.get(job.workspaceId);
        const at = q?.indexOf(job) ?? -1;
        if (at >= 0) q!.splice(at, 1);
        if (q && !q.length) {
          state.queues.delete(job.workspaceId);
          state.turn = state.turn.filter((w) => w !== job.workspaceId);
        }
      }
      reject(new StepError(message));
    };
    const settle = () => opts.signal.removeEventListener("abort", onAbort);
    const job: Job = {
      id: state.nextId++,
      workspaceId: opts.workspaceId,
      sql: opts.sql,
      params: opts.params ?? [],
      timeoutMs: opts.timeoutMs,
      moves: 0,
      resolve: (r) => (settle(), resolve(r)),
      reject: (e) => (settle(), reject(e)),
    };
    if (opts.signal.aborted) return onAbort();
    opts.signal.addEventListener("abort", onAbort, { once: true });
    enqueue(job);
    dispatch();
  });
}
