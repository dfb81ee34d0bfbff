import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { ApiError } from "../errors";

// A small pool of worker threads for the CPU-heavy part of a request (parsing an upload, reading
// it into messages, crystallizing), so one big request cannot stall every other one. Results come
// back structured-cloned. A job past its time limit has its thread ended and gets a 422.

/** The tasks a worker thread runs, by name; lib/workers/tasks/tasks.ts fills this in. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into by tasks.ts
export interface WorkerTasks {}
type Tasks = WorkerTasks;

export type JobMessage = { id: number; task: string; input: unknown };
export type JobReply =
  | { id: number; ok: true; output: unknown }
  | { id: number; ok: false; error: { code?: ApiError["code"]; message: string; extra?: Record<string, unknown> } };

const SIZE = Math.max(1, Math.min(2, availableParallelism() - 1));
/** How long one job may run before its thread is ended. */
export const JOB_TIME_LIMIT_MS = 60_000;

type Job = { message: JobMessage; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Slot = { worker: Worker; job: Job | null; timer?: NodeJS.Timeout };

const holder = globalThis as unknown as { __heavyPool?: { slots: Slot[]; queue: Job[]; nextId: number } };
const pool = (holder.__heavyPool ??= { slots: [], queue: [], nextId: 1 });

function spawn(): Worker {
  // Inside Next (production build or dev) the bundler turns this URL into the compiled worker
  // chunk. From source (tests, `npm run worker`) the entry is the .ts file under tasks/:
  // Node 20 ignores `--import tsx` for a worker's entry, so the thread registers tsx itself.
  if (process.env.NEXT_RUNTIME) return new Worker(new URL("./tasks/heavy-worker.ts", import.meta.url));
  const entry = import.meta.url.replace(/pool\.ts$/, "tasks/heavy-worker.ts");
  return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
}

function newSlot(): Slot {
  const slot: Slot = { worker: spawn(), job: null };
  slot.worker.unref();
  slot.worker.on("message", (reply: JobReply) => {
    const job = slot.job;
    if (!job || job.message.id !== reply.id) return;
    finish(slot);
    if (reply.ok) job.resolve(reply.output);
    else if (reply.error.code) job.reject(new ApiError(reply.error.code, reply.error.message, reply.error.extra));
    else job.reject(new Error(reply.error.message));
  });
  const fail = (err: unknown) => {
    const job = slot.job;
    drop(slot);
    job?.reject(err instanceof Error ? err : new Error(String(err)));
  };
  slot.worker.on("error", fail);
  slot.worker.on("exit", (code) => fail(new Error(`worker thread exited (code ${code})`)));
  pool.slots.push(slot);
  return slot;
}

function drop(slot: Slot) {
  clearTimeout(slot.timer);
  const i = pool.slots.indexOf(slot);
  if (i >= 0) pool.slots.splice(i, 1);
  slot.worker.removeAllListeners();
  void slot.worker.terminate();
  slot.job = null;
  dispatch();
}

function finish(slot: Slot) {
  clearTimeout(slot.timer);
  slot.job = null;
  slot.worker.unref();
  dispatch();
}

function dispatch() {
  while (pool.queue.length) {
    const slot = pool.slots.find((s) => !s.job) ?? (pool.slots.length < SIZE ? newSlot() : undefined);
    if (!slot) return;
    const job = pool.queue.shift()!;
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      drop(slot);
      job.reject(new ApiError("unprocessable", `This input took longer than ${JOB_TIME_LIMIT_MS / 1000} s to process; send a smaller one`));
    }, JOB_TIME_LIMIT_MS);
    slot.worker.postMessage(job.message);
  }
}

/** Runs `task` on a worker thread with `input` (structured-cloned both ways). */
export function runInWorker<K extends keyof Tasks>(task: K, input: Parameters<Tasks[K]>[0]): Promise<ReturnType<Tasks[K]>> {
  return new Promise((resolve, reject) => {
    pool.queue.push({ message: { id: pool.nextId++, task, input }, resolve: resolve as (v: unknown) => void, reject });
    dispatch();
  });
}
