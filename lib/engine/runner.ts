import type { TDefinition, TStep } from "../automations/schemas";
import { loadDefinition } from "../automations/load-definition";
import { config } from "../config";
import type { Db, DbClient } from "../db";
import { emitEventInTx, hasSubscribers, runEvent } from "../triggers/emit-event";
import { executorFor } from "./executor-for";
import { trackLocalRun } from "./queue/local-runs";
import { emitSettled } from "./queue/run-events";
import { WORKER_ID } from "./queue/worker-id";
import { openGate } from "../approvals/open-gate";
import { applyTemplates, type TemplateScope } from "./apply-templates";
import { bindItem, resolveLoopItems } from "./resolve-loop-items";
import { BindingError, backoffMs, maxAttempts, planRun, resolveInputs, resolveParameters, type Outcome, type StepState, type StepStatus } from "./plan";
import { loadProviders } from "../tool-providers/load-providers";
import { wakeWorkers, type FreshRun } from "./queue/queue";
import { StepError } from "../errors";
import { type ExecContext, type Executor } from "./executors/types";
import { loadEgressPolicy, type EgressPolicy } from "../security/egress";
import { seedItems, writeItem, type ItemKey } from "./loop-item-store";
import { stepWritesSql, type StepWrite } from "./step-writes";
import { Prisma } from "../generated/prisma/client";

// Executes a run from its persisted state up to its end or its next wait. Every state change is
// written before the runner acts on it, each write conditional on the run still being ours and
// running, so a cancel or a lost lease stops the runner at its next write.

export { WORKER_ID };
const DEFAULT_STEP_TIMEOUT_MS = 5 * 60_000;
/** A step still busy after this long is written as running, so the run view shows it. */
const RUNNING_WRITE_DELAY_MS = 50;
/** The strictest egress policy: public addresses only. */
const NO_EXCEPTIONS: EgressPolicy = { names: [], networks: [] };
const TERMINAL = new Set(["succeeded", "failed", "canceled"]);
/**
 * A step whose worker died under it this many times in a row fails rather than starting again:
 * a step that kills its worker (or the machine) would otherwise be resumed, and crash the next
 * worker, forever.
 */
const MAX_INTERRUPTIONS = 2;
const INTERRUPTED_ERROR = "interrupted twice while running (the worker stopped or crashed): not started again";

/** The job is retried: another worker holds the run, and this one must not run it alongside. */
export class LeaseHeldError extends Error {
  override name = "LeaseHeldError";
}

export { runEvents } from "./queue/run-events";

type ClaimedRun = Omit<FreshRun, "definition">;
type StepRow = { stepKey: string; status: StepStatus; attempt: number; output: unknown; error: string | null; nextAttemptAt: Date | null };

export async function advanceRun(db: Db, runId: string): Promise<void> {
  const now = new Date();
  // Claim the run and read its steps in one round trip.
  const claimed = await db.$queryRaw<(ClaimedRun & { steps: StepRow[] })[]>`
    WITH prev AS (SELECT "leaseOwner" FROM automation_run WHERE id = ${runId}),
    c AS (
      UPDATE automation_run
         SET "leaseOwner" = ${WORKER_ID}, "leaseExpiresAt" = ${new Date(now.getTime() + config.runLeaseMs)},
             status = 'running', "startedAt" = COALESCE("startedAt", ${now}), "updatedAt" = ${now}
       WHERE id = ${runId} AND status IN ('queued', 'running', 'waiting_for_approval')
         AND ("leaseOwner" IS NULL OR "leaseExpiresAt" < ${now})
       RETURNING id, "workspaceId", "automationId", version, input, "eventDepth", "chainId", COALESCE("logicalTime", "createdAt") AS "logicalTime"),
    -- Steps still running lost their worker (a live one holds the lease). Counted in the claiming
    -- statement itself, so two workers cannot both count one interruption or both miss it.
    -- Only a lapsed lease of another process counts: a worker that handed the run back (no
    -- owner) or that claims its own lapsed lease is alive, so the step did not take it down;
    -- the database dropped the write that would have ended the step.
    cut AS (
      UPDATE step_run s
         SET interruptions = s.interruptions + 1,
             status = CASE WHEN s.interruptions + 1 >= ${MAX_INTERRUPTIONS} THEN 'failed'::"StepStatus" ELSE s.status END,
             error = CASE WHEN s.interruptions + 1 >= ${MAX_INTERRUPTIONS} THEN ${INTERRUPTED_ERROR} ELSE s.error END,
             "endedAt" = CASE WHEN s.interruptions + 1 >= ${MAX_INTERRUPTIONS} THEN ${now} ELSE s."endedAt" END
        FROM c, prev
       WHERE s."runId" = c.id AND s.status = 'running' AND prev."leaseOwner" <> ${WORKER_ID}
       RETURNING s."stepKey", s.status, s.error)
    SELECT c.*, COALESCE((SELECT json_agg(json_build_object('stepKey', s."stepKey", 'status', COALESCE(x.status, s.status), 'attempt', s.attempt,
             'output', s.output, 'error', CASE WHEN x."stepKey" IS NULL THEN s.error ELSE x.error END, 'nextAttemptAt', s."nextAttemptAt"))
             FROM step_run s LEFT JOIN cut x ON x."stepKey" = s."stepKey" WHERE s."runId" = c.id), '[]') AS steps
      FROM c`;
  const run = claimed[0];
  if (!run) {
    const current = await db.automationRun.findUnique({ where: { id: runId }, select: { status: true } });
    if (!current || TERMINAL.has(current.status)) return;
    throw new LeaseHeldError(`run ${runId} is held by another worker`);
  }
  const def = await loadDefinition(db, { automationId: run.automationId, version: run.version });
  // json_build_object renders timestamps as text without a zone; they are UTC.
  const rows = run.steps.map((r) => ({ ...r, nextAttemptAt: r.nextAttemptAt ? new Date(`${r.nextAttemptAt}Z`) : null }));
  await executeClaimed(db, run, def, rows);
}

/**
 * A run this process created already holding its lease (see startRun): it starts at once, with no
 * claim and no queue round trip. Should this process die, the lease lapses and a sweep resumes it.
 */
export async function advanceFreshRun(db: Db, { definition: def, ...run }: FreshRun): Promise<void> {
  const rows: StepRow[] = def.steps.map((s) => ({ stepKey: s.key, status: "pending", attempt: 0, output: null, error: null, nextAttemptAt: null }));
  await executeClaimed(db, run, def, rows);
}

/** Running runs whose lease lapsed, oldest lapse first: their worker died (see RunDispatcher.sweepLapsed). */
export async function findLapsedRuns(db: Db, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM automation_run WHERE status = 'running' AND "leaseExpiresAt" < ${new Date()} ORDER BY "leaseExpiresAt" LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** Extends this worker's leases on runs it holds and has yet to start. */
export async function renewLeases(db: Db, runIds: string[]): Promise<void> {
  await db.$executeRaw`
    UPDATE automation_run SET "leaseExpiresAt" = ${new Date(Date.now() + config.runLeaseMs)}
     WHERE id = ANY(${runIds}::text[]) AND "leaseOwner" = ${WORKER_ID} AND status = 'running'`;
}

async function executeClaimed(db: Db, run: ClaimedRun, def: TDefinition, rows: StepRow[]) {
  const execution = new RunExecution(db, run, def, rows);
  const untrack = trackLocalRun(run.id, () => execution.stop("canceled"));
  const renew = setInterval(() => void execution.renewLease(), Math.max(250, config.runLeaseMs / 3));
  try {
    await execution.execute();
  } finally {
    clearInterval(renew);
    untrack();
    // An ended run gave its lease up in its final write; otherwise hand it back now, so the next
    // job (an approval, a retry) need not wait for it to lapse.
    if (!execution.ended)
      await db.$executeRaw`UPDATE automation_run SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL WHERE id = ${run.id} AND "leaseOwner" = ${WORKER_ID}`.catch(() => {});
  }
}

type CallResult = { ok: true; output: unknown } | { ok: false; error: string; retryable: boolean };


class RunExecution {
  private readonly states = new Map<string, StepState>();
  /** Step ends written with the next write (see write()). */
  private readonly unwritten = new Map<string, StepWrite>();
  /** The steps that only compute from their inputs: transforms and conditions. */
  private readonly pure: Set<string>;
  private readonly controller = new AbortController();
  private readonly params: Record<string, unknown>;
  private providers?: ReturnType<typeof loadProviders>;
  private egress?: Promise<EgressPolicy>;
  private stopped = false;
  /** Set once the final write (which also releases the lease) is done. */
  ended = false;

  constructor(
    private readonly db: Db,
    private readonly run: ClaimedRun,
    private readonly def: TDefinition,
    rows: StepRow[],
  ) {
    for (const r of rows) {
      // A step found running was cut off with its executor: it is tried again under the same
      // attempt number, hence the same idempotency key, so the tool can drop the repeat (unless
      // the claim failed it for being cut off too often).
      const cutOff = r.status === "running";
      this.states.set(r.stepKey, {
        status: cutOff ? "pending" : r.status,
        attempt: cutOff ? r.attempt - 1 : r.attempt,
        output: r.output,
        error: r.error,
        nextAttemptAt: r.nextAttemptAt,
      });
    }
    this.params = resolveParameters(def, (run.input ?? {}) as Record<string, unknown>);
    this.pure = new Set(def.steps.filter((st) => st.type === "condition" || (st.action_kind === "transform" && !st.for_each)).map((st) => st.key));
  }

  stop(reason: string) {
    this.stopped = true;
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  async renewLease() {
    const rows = await this.db.$queryRaw<{ status: string }[]>`
      UPDATE automation_run SET "leaseExpiresAt" = ${new Date(Date.now() + config.runLeaseMs)}
       WHERE id = ${this.run.id} AND "leaseOwner" = ${WORKER_ID} RETURNING status`.catch(() => null);
    if (rows && (rows.length === 0 || rows[0]!.status !== "running")) this.stop(rows.length ? "canceled" : "lease lost");
  }

  async execute() {
    const inFlight = new Map<string, Promise<void>>();
    try {
      while (!this.stopped) {
        const plan = planRun(this.def, this.states, new Set(inFlight.keys()));
        if (plan.skip.length) await this.writeSkipped(plan.skip);
        for (const step of plan.ready) {
          inFlight.set(step.key, this.runStep(step).finally(() => inFlight.delete(step.key)));
        }
        if (inFlight.size === 0) {
          if (plan.outcome && !this.stopped) await this.finish(plan.outcome);
          return;
        }
        await Promise.race(inFlight.values());
      }
    } catch (err) {
      this.stop("worker error");
      throw err;
    } finally {
      await Promise.allSettled(inFlight.values());
    }
  }

  /**
   * Writes a step's state if the run is still ours and running; otherwise stops the runner. The
   * end of a pure step (and a skip) waits for the next write, or the run's final one: a pure step
   * only computes, so if this process dies first, computing it again on resume is the same step,
   * and a chain of transforms costs one write, not one each.
   */
  private async write(key: string, w: StepWrite): Promise<boolean> {
    const state: StepState = { status: w.status, attempt: w.attempt, output: w.output, error: w.error, nextAttemptAt: w.nextAttemptAt };
    if ((w.status === "succeeded" && this.pure.has(key)) || w.status === "skipped") {
      this.unwritten.set(key, w);
      this.states.set(key, state);
      return true;
    }
    this.unwritten.delete(key);
    if (!(await this.flush([[key, w]]))) return false;
    this.states.set(key, state);
    return true;
  }

  /** Writes the deferred step ends, with `also`, in one statement; false (and stopped) when the run is no longer ours. */
  private async flush(also: [string, StepWrite][] = []): Promise<boolean> {
    const writes = [...this.unwritten, ...also];
    this.unwritten.clear();
    if (writes.length === 0) return true;
    const n = await this.db.$executeRaw(stepWritesSql(this.run.id, WORKER_ID, writes));
    if (n < writes.length) {
      this.stop("canceled");
      return false;
    }
    return true;
  }

  private async writeSkipped(keys: string[]) {
    const endedAt = new Date();
    for (const k of keys) await this.write(k, { status: "skipped", attempt: this.states.get(k)?.attempt ?? 0, endedAt });
  }

  private async runStep(step: TStep) {
    if (step.type === "approval_gate") return this.openGate(step);
    const state = this.states.get(step.key) ?? { status: "pending" as const, attempt: 0 };
    const attempt = state.attempt + 1;
    if (state.nextAttemptAt && state.nextAttemptAt.getTime() > Date.now()) await this.sleepUntil(state.nextAttemptAt);
    if (this.stopped) return;
    if (step.for_each) return this.runLoop(step, attempt);

    const prepared = await this.prepare(step, attempt, async () => ({
      inputs: await applyTemplates(step, resolveInputs(step, this.states, this.params), this.templateScope()),
      executor: await this.executorFor(step),
    }));
    if (!prepared) return;
    const { inputs, executor } = prepared;

    const startedAt = new Date();
    const result = await this.callNoted(() => this.write(step.key, { status: "running", attempt, inputs, startedAt }), () =>
      this.callWithTimeout(step, executor, inputs, attempt),
    );
    if (!result) return;

    const endedAt = new Date();
    if (result.ok) {
      await this.write(step.key, { status: "succeeded", attempt, inputs, output: result.output ?? null, startedAt, endedAt });
    } else if (result.retryable && attempt < maxAttempts(step)) {
      const nextAttemptAt = new Date(endedAt.getTime() + backoffMs(step, attempt));
      await this.write(step.key, { status: "pending", attempt, inputs, error: result.error, nextAttemptAt, startedAt, endedAt });
    } else {
      await this.write(step.key, { status: "failed", attempt, inputs, error: result.error, startedAt, endedAt });
    }
  }

  /**
   * What a step needs before its call: inputs, items, an executor. A failure here is
   * deterministic (retrying the job would fail the same way), so the step fails instead.
   */
  private async prepare<T>(step: TStep, attempt: number, make: () => Promise<T>): Promise<T | undefined> {
    try {
      return await make();
    } catch (err) {
      const message = err instanceof BindingError || err instanceof StepError ? err.message : `cannot prepare the step: ${(err as Error).message}`;
      await this.write(step.key, { status: "failed", attempt, error: message, startedAt: new Date(), endedAt: new Date() });
      return undefined;
    }
  }

  /**
   * Makes a call, writing it as running only if it is still busy after a moment (most calls
   * end sooner, and their one write says everything). Undefined when the run is no longer ours
   * or was stopped meanwhile: then nothing more is written.
   */
  private async callNoted(writeRunning: () => Promise<boolean>, call: () => Promise<unknown>): Promise<CallResult | undefined> {
    let runningWrite: Promise<boolean> | undefined;
    const runningTimer = setTimeout(() => {
      runningWrite = writeRunning();
      // Awaited below, once the tool returns; a failure meanwhile (the database dropped the
      // connection) must not count as unhandled and end the worker process.
      runningWrite.catch(() => {});
    }, RUNNING_WRITE_DELAY_MS);
    let result: CallResult;
    try {
      result = { ok: true, output: await call() };
    } catch (err) {
      const e = err instanceof StepError ? err : new StepError(err instanceof Error ? err.message : String(err));
      result = { ok: false, error: e.message, retryable: e.retryable };
    }
    clearTimeout(runningTimer);
    if (runningWrite && !(await runningWrite)) return undefined;
    return this.stopped ? undefined : result;
  }

  /**
   * A for_each step: one call per item of its list, `concurrency` at a time, each item tracked in
   * step_item with its own attempts and its own idempotency key (run:step:attempt:item), so a
   * resumed loop re-sends no finished item. A failed item stops the loop from starting more and
   * fails the step, unless the step continues on error: then its output holds null there.
   */
  private async runLoop(step: TStep, attempt: number) {
    const loop = step.for_each!;
    const prepared = await this.prepare(step, attempt, async () => ({
      base: resolveInputs(step, this.states, this.params),
      items: resolveLoopItems(step, this.states, this.params),
      executor: await this.executorFor(step),
    }));
    if (!prepared) return;
    const { base, items, executor } = prepared;
    const startedAt = new Date();
    if (!(await this.write(step.key, { status: "running", attempt, inputs: base, startedAt }))) return;
    const rows = await seedItems(this.db, { runId: this.run.id, stepKey: step.key, count: items.length });

    const outputs: unknown[] = items.map(() => null);
    const failures: { index: number; error: string }[] = [];
    const todo: number[] = [];
    items.forEach((_, i) => {
      const row = rows.get(i);
      if (row?.status === "succeeded") outputs[i] = row.output ?? null;
      else if (row?.status === "failed") failures.push({ index: i, error: row.error ?? "failed" });
      else todo.push(i);
    });
    const halted = () => this.stopped || (failures.length > 0 && !step.continue_on_error);
    const lane = async () => {
      while (todo.length && !halted()) {
        const i = todo.shift()!;
        const row = rows.get(i);
        // An item found running was cut off mid-call: it is tried again under the same attempt.
        const done = await this.runItem(step, executor, { base, item: items[i], index: i, attempt: row ? (row.status === "running" ? row.attempt - 1 : row.attempt) : 0 });
        if (!done) return;
        if ("output" in done) outputs[i] = done.output;
        else failures.push({ index: i, error: done.error });
      }
    };
    await Promise.all(Array.from({ length: Math.min(loop.concurrency, todo.length) }, lane));
    if (this.stopped) return;

    const endedAt = new Date();
    failures.sort((a, b) => a.index - b.index);
    const first = failures[0];
    const of = `of ${items.length}`;
    if (first && !step.continue_on_error) {
      await this.write(step.key, { status: "failed", attempt, inputs: base, error: `item ${first.index + 1} ${of} failed: ${first.error}`, startedAt, endedAt });
    } else {
      const error = first ? `${failures.length} ${of} items failed; the first, item ${first.index + 1}: ${first.error}` : null;
      await this.write(step.key, { status: "succeeded", attempt, inputs: base, output: outputs, error, startedAt, endedAt });
    }
  }

  /** One item of a loop, with the step's retries; undefined when the run stopped or is no longer ours. */
  private async runItem(step: TStep, executor: Executor, it: { base: Record<string, unknown>; item: unknown; index: number; attempt: number }) {
    const key = { runId: this.run.id, stepKey: step.key, index: it.index };
    for (let attempt = it.attempt + 1; ; attempt++) {
      let inputs: Record<string, unknown>;
      try {
        inputs = await applyTemplates(step, bindItem(step, it.base, it.item), { ...this.templateScope(), item: it.item });
      } catch (err) {
        if (!(err instanceof BindingError || err instanceof StepError)) throw err;
        const now = new Date();
        if (!(await this.writeItem(key, { status: "failed", attempt, error: err.message, startedAt: now, endedAt: now }))) return undefined;
        return { error: err.message };
      }
      const startedAt = new Date();
      const result = await this.callNoted(() => this.writeItem(key, { status: "running", attempt, inputs, startedAt }), () =>
        this.callWithTimeout(step, executor, inputs, attempt, it.index),
      );
      if (!result) return undefined;
      const endedAt = new Date();
      if (result.ok) {
        if (!(await this.writeItem(key, { status: "succeeded", attempt, inputs, output: result.output ?? null, startedAt, endedAt }))) return undefined;
        return { output: result.output ?? null };
      }
      if (!result.retryable || attempt >= maxAttempts(step)) {
        if (!(await this.writeItem(key, { status: "failed", attempt, inputs, error: result.error, startedAt, endedAt }))) return undefined;
        return { error: result.error };
      }
      if (!(await this.writeItem(key, { status: "pending", attempt, inputs, error: result.error, startedAt, endedAt }))) return undefined;
      await this.sleepUntil(new Date(endedAt.getTime() + backoffMs(step, attempt)));
      if (this.stopped) return undefined;
    }
  }

  private async writeItem(key: ItemKey, w: StepWrite): Promise<boolean> {
    const ok = await writeItem(this.db, { ...key, owner: WORKER_ID, write: w });
    if (!ok) this.stop("canceled");
    return ok;
  }

  private executorFor(step: TStep): Promise<Executor> {
    return executorFor(step, () => (this.providers ??= loadProviders(this.db, this.run.workspaceId)));
  }

  /** `item`: a loop's item index, which its idempotency key ends with. */
  private async callWithTimeout(step: TStep, executor: Executor, inputs: Record<string, unknown>, attempt: number, item?: number) {
    const timeoutMs = step.timeout_ms ?? DEFAULT_STEP_TIMEOUT_MS;
    const controller = new AbortController();
    const onRunAbort = () => controller.abort(this.controller.signal.reason);
    this.controller.signal.addEventListener("abort", onRunAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const ctx: ExecContext = {
      db: this.db,
      workspaceId: this.run.workspaceId,
      automationId: this.run.automationId,
      runId: this.run.id,
      step,
      attempt,
      idempotencyKey: `${this.run.id}:${step.key}:${attempt}${item === undefined ? "" : `:${item}`}`,
      signal: controller.signal,
      // A pure step reaches nothing: it needs no policy, and its run no query for one.
      egress: this.pure.has(step.key) ? NO_EXCEPTIONS : await (this.egress ??= loadEgressPolicy(this.db, this.run.workspaceId)),
    };
    try {
      return await Promise.race([
        executor(inputs, ctx),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort(`timed out after ${timeoutMs} ms`);
            reject(new StepError(`timed out after ${timeoutMs} ms`));
          }, timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      this.controller.signal.removeEventListener("abort", onRunAbort);
    }
  }

  private sleepUntil(at: Date) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, at.getTime() - Date.now()));
      const signal = this.controller.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done, { once: true });
    });
  }

  private templateScope(): TemplateScope {
    return { params: this.params, states: this.states, now: new Date(this.run.logicalTime), timeZone: this.def.time_zone ?? "UTC", signal: this.controller.signal };
  }

  /** Parks the step at its gate: an approval row, and a timeout job when the gate has one. */
  private async openGate(step: TStep) {
    let inputs: Record<string, unknown>;
    try {
      inputs = await applyTemplates(step, resolveInputs(step, this.states, this.params), this.templateScope());
    } catch (err) {
      if (!(err instanceof BindingError || err instanceof StepError)) throw err;
      await this.write(step.key, { status: "failed", attempt: 1, error: err.message, startedAt: new Date(), endedAt: new Date() });
      return;
    }
    if (!(await this.flush())) return;
    const opened = await openGate(this.db, { run: this.run, stepKey: step.key, inputs, leaseOwner: WORKER_ID });
    if (!opened) return this.stop("canceled");
    this.states.set(step.key, { status: "waiting", attempt: 1 });
  }

  private async finish(outcome: Outcome) {
    const now = new Date();
    const id = this.run.id;
    // The deferred step ends go in the run's final statement, as a CTE.
    const unwritten = [...this.unwritten];
    this.unwritten.clear();
    const withSteps = unwritten.length ? Prisma.sql`WITH steps AS (${stepWritesSql(id, WORKER_ID, unwritten)} RETURNING 1) ` : Prisma.empty;
    if (outcome.status === "waiting_for_approval") {
      await this.db.$executeRaw`${withSteps}UPDATE automation_run SET status = 'waiting_for_approval', "updatedAt" = ${now} WHERE id = ${id} AND status = 'running' AND "leaseOwner" = ${WORKER_ID}`;
      emitSettled(id, { status: outcome.status, output: null, error: null });
      return;
    }
    let output: Record<string, unknown> | null = null;
    let error: string | null = null;
    if (outcome.status === "succeeded") {
      // The run's output: what its last steps (those nothing depends on) produced.
      const needed = new Set(this.def.steps.flatMap((s) => s.depends_on));
      output = {};
      for (const s of this.def.steps) if (!needed.has(s.key) && this.states.get(s.key)?.status === "succeeded") output[s.key] = this.states.get(s.key)!.output;
    } else {
      error = `${outcome.step}: ${outcome.error}`;
    }
    const status = outcome.status;
    const event = status === "succeeded" || status === "failed" ? runEvent({ ...this.run, runId: id, status, output, error }) : null;
    const setEnded = Prisma.sql`
      UPDATE automation_run SET status = ${status}::"AutomationRunStatus", output = ${output ? JSON.stringify(output) : null}::jsonb,
             error = ${error}, "endedAt" = ${now}, "updatedAt" = ${now}, "leaseOwner" = NULL, "leaseExpiresAt" = NULL
       WHERE id = ${id} AND status = 'running' AND "leaseOwner" = ${WORKER_ID}`;
    const end = async (tx: DbClient) => {
      if (unwritten.length) await tx.$executeRaw(stepWritesSql(id, WORKER_ID, unwritten));
      const n = await tx.$executeRaw(setEnded);
      if (n === 0) return false;
      if (status !== "succeeded") {
        await tx.$executeRaw`UPDATE step_run SET status = 'canceled', "endedAt" = ${now} WHERE "runId" = ${id} AND status IN ('waiting', 'pending')`;
        // A loop's items that a failed item kept from starting will not run either.
        await tx.$executeRaw`UPDATE step_item SET status = 'canceled', "endedAt" = ${now} WHERE "runId" = ${id} AND status IN ('pending', 'running')`;
        await tx.approval.updateMany({ where: { runId: id, status: "pending" }, data: { status: "canceled", decidedAt: now } });
      }
      if (event) await emitEventInTx(tx, event);
      return true;
    };
    let done = false;
    let evented = false;
    if (status === "succeeded") {
      // The common case in one statement: the step ends and the run's, unless something
      // subscribes to its event (then the runs it starts are created in one transaction with it).
      const n = await this.db.$executeRaw`${withSteps}${setEnded}
        AND NOT EXISTS (SELECT 1 FROM "trigger" t WHERE t."workspaceId" = ${this.run.workspaceId} AND t.kind = 'event' AND t."eventName" = ${event!.name} AND t.enabled)`;
      done = n > 0;
      if (!done && (await hasSubscribers(this.db, { workspaceId: this.run.workspaceId, name: event!.name }))) done = evented = await this.db.$transaction(end);
    } else done = evented = await this.db.$transaction(end);
    if (!done) return this.stop("canceled");
    this.ended = true;
    if (evented) wakeWorkers(); // runs started by the run.* event, if any
    emitSettled(id, { status, output, error });
  }
}
