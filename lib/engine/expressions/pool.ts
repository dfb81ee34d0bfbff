import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { config } from "../../config";
import { StepError } from "../../errors";

// A few child processes that evaluate user-written JSONata (./evaluator.mjs). JSONata cannot be
// interrupted from inside: a range of ten million, or an endless tail recursion, is a loop the
// event loop never leaves. In another process it can be stopped, by killing the process, and its
// heap is capped, so the server's event loop stays free for every other workspace.
//
// Processes rather than worker threads: a worker thread's heap limit is best-effort, and some
// allocations past it (one array grown by millions of pushes) abort the whole server process
// instead of ending the thread (nodejs/node#47224). A child process that runs out of heap dies
// alone.

export type EvaluateOptions = {
  /** Deadline of the evaluation itself, from when a loaded evaluator takes it (a wait for one is not counted). */
  timeoutMs: number;
  /** Aborted when the step times out or the run is canceled: the evaluation is stopped too. */
  signal?: AbortSignal;
};

type Reply = { ready?: true; id: number; json?: string; none?: true; kind?: "invalid" | "failed" | "stack" | "too_large"; error?: string };
type Job = {
  id: number;
  message: { id: number; expression: string; data: unknown; inputs: unknown };
  timeoutMs: number;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  cleanup: () => void;
};
type Slot = { child: ChildProcess; ready: boolean; job?: Job; timer?: NodeJS.Timeout; dead?: boolean; stderr: string };

// On globalThis, so Next's separate module copies (instrumentation, route bundles) share one pool.
const pool = ((globalThis as { __czExpressions?: { slots: Slot[]; queue: Job[]; nextId: number } }).__czExpressions ??= {
  slots: [],
  queue: [],
  nextId: 1,
});

function spawn(): Slot {
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/engine/expressions/evaluator.mjs");
  const mb = config.expressionMemoryMb;
  const child = fork(file, [], {
    // Its own flags only (no loaders of the parent), and no environment: nothing of the server's
    // configuration or secrets is within reach of the process that runs tenants' code.
    execArgv: [`--max-old-space-size=${mb}`, `--max-semi-space-size=${Math.max(1, Math.floor(mb / 16))}`],
    env: { NODE_ENV: "production" },
    serialization: "advanced",
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  const slot: Slot = { child, ready: false, stderr: "" };
  // An idle evaluator must not keep a script or a test process alive (a busy one has its deadline
  // timer); one still loading does, as an evaluation may be waiting for it.
  const idle = () => (child.unref(), child.channel?.unref());
  child.stderr?.on("data", (chunk: Buffer) => (slot.stderr = (slot.stderr + chunk.toString()).slice(-2000)));
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  child.on("message", (reply: Reply) => {
    if (reply.ready) {
      slot.ready = true;
      idle();
      return dispatch();
    }
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    release(slot);
    if (reply.none) job.resolve(undefined);
    else if (reply.json !== undefined) job.resolve(JSON.parse(reply.json));
    else if (reply.kind === "invalid") job.reject(new StepError(`invalid expression: ${reply.error}`, false));
    else if (reply.kind === "stack") job.reject(new StepError(`expression recursed too deeply (stack overflow): ${reply.error}`, false));
    else job.reject(new StepError(`expression failed: ${reply.error}`, false));
    dispatch();
  });
  child.on("error", (err) => kill(slot, new StepError(`expression evaluator failed: ${err.message}`)));
  child.on("exit", (code, signal) => {
    if (!slot.ready && !slot.dead) {
      // It never loaded (a broken install, say): starting another would fail the same way.
      slot.dead = true;
      pool.slots = pool.slots.filter((s) => s !== slot);
      // The details are the operator's (paths, the install); the step says only what failed.
      console.error(`[expressions] the evaluator exited while loading (${code ?? signal}): ${slot.stderr.trim()}`);
      const error = new StepError("expression evaluator cannot start");
      for (const job of pool.queue.splice(0)) {
        job.cleanup();
        job.reject(error);
      }
      return;
    }
    const oom = /heap out of memory|heap limit/i.test(slot.stderr) || signal === "SIGABRT" || code === 134;
    kill(slot, oom ? new StepError(`expression exceeded its memory limit (${mb} MB)`, false) : new StepError("expression evaluator stopped unexpectedly"));
  });
  return slot;
}

/** Frees the slot of its job (after an answer). */
function release(slot: Slot) {
  clearTimeout(slot.timer);
  slot.job?.cleanup();
  slot.job = undefined;
}

/**
 * Ends a slot's process, failing the job it was running with `error`. A replacement starts at
 * once, so the next evaluation does not wait for a process to load; queued jobs go to it.
 */
function kill(slot: Slot, error: StepError, replace = true) {
  if (slot.dead) return;
  slot.dead = true;
  pool.slots = pool.slots.filter((s) => s !== slot);
  const job = slot.job;
  release(slot);
  slot.child.kill("SIGKILL");
  job?.reject(error);
  if (replace && slot.ready && pool.slots.length < config.expressionWorkers) pool.slots.push(spawn());
  dispatch();
}

function dispatch() {
  while (pool.queue.length) {
    const slot = pool.slots.find((s) => s.ready && !s.job);
    if (!slot) {
      // Start another evaluator unless one is loading already; its "ready" dispatches again.
      if (pool.slots.length < config.expressionWorkers && pool.slots.every((s) => s.ready)) pool.slots.push(spawn());
      return;
    }
    const job = pool.queue.shift()!;
    const running = slot;
    running.job = job;
    running.timer = setTimeout(
      () => kill(running, new StepError(`expression did not finish within ${job.timeoutMs} ms: stopped`, false)),
      job.timeoutMs,
    );
    running.child.send(job.message, (err) => {
      // Data that cannot be copied, or an evaluator that is already gone (its exit fails the job).
      if (err && running.job === job && !running.dead) kill(running, new StepError(`expression input cannot be passed on: ${err.message}`, false));
    });
  }
}

/** Evaluates `expression` over `data` in an evaluator process, with `$inputs` bound to `inputs`. */
export function evaluateIsolated(expression: string, data: unknown, inputs: unknown, opts: EvaluateOptions): Promise<unknown> {
  const { signal } = opts;
  if (signal?.aborted) return Promise.reject(new StepError(abortMessage(signal)));
  return new Promise((resolve, reject) => {
    const id = pool.nextId++;
    const onAbort = () => {
      const slot = pool.slots.find((s) => s.job === job);
      const error = new StepError(abortMessage(signal!));
      if (slot) kill(slot, error);
      else {
        pool.queue = pool.queue.filter((j) => j !== job);
        job.cleanup();
        reject(error);
      }
    };
    const job: Job = {
      id,
      message: { id, expression, data, inputs },
      timeoutMs: Math.max(1, Math.floor(opts.timeoutMs)),
      resolve,
      reject,
      cleanup: () => signal?.removeEventListener("abort", onAbort),
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    pool.queue.push(job);
    dispatch();
  });
}

const abortMessage = (signal: AbortSignal) => (typeof signal.reason === "string" ? signal.reason : "canceled");

/** Ends every evaluator (tests, shutdown); the next evaluation starts new ones. */
export function closeExpressionPool() {
  const slots = pool.slots;
  pool.slots = [];
  for (const s of slots) kill(s, new StepError("expression evaluators shut down"), false);
}
