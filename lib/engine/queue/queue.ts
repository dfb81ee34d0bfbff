import { PgBoss, fromPglite, fromPrisma } from "pg-boss";
import { config } from "../../config";
import { getDb, getEmbeddedPglite, type DbClient } from "../../db";
import type { TDefinition } from "../../automations/schemas";
import { trackLocalRun } from "./local-runs";

// pg-boss carries three kinds of work: "advance run X" (a run's whole execution up to its next
// wait or its end: steps run in-process, so a step costs database writes, not queue round
// trips), approval timeouts (delayed jobs), and the scheduler's tick (a pg-boss cron).
// Any process may enqueue; the processes that started workers execute.

export const RUN_QUEUE = "automation-run";
export const APPROVAL_TIMEOUT_QUEUE = "approval-timeout";
export const SCHEDULE_TICK_QUEUE = "schedule-tick";

type Holder = { boss?: Promise<PgBoss>; workers?: Promise<void>; handlers?: Handlers; dispatcher?: RunDispatcher };
const holder: Holder = ((globalThis as { __czBoss?: Holder }).__czBoss ??= {});

export type Handlers = {
  advanceRun: (runId: string) => Promise<void>;
  /** A run this process created holding its lease (see reserveLocalRun). */
  advanceFreshRun: (run: FreshRun) => Promise<void>;
  /** Up to `limit` running runs whose lease lapsed: their worker died. */
  findLapsedRuns: (limit: number) => Promise<string[]>;
  /** Extends this process's leases on runs it holds but has not started yet (the backlog). */
  renewLeases: (runIds: string[]) => Promise<void>;
  approvalTimeout: (approvalId: string) => Promise<void>;
  scheduleTick: () => Promise<void>;
};

async function openBoss(): Promise<PgBoss> {
  await getDb(); // the embedded database must be open (and migrated) first
  const pglite = getEmbeddedPglite();
  // The monitor fails jobs whose worker stopped beating; every 5 s keeps recovery prompt.
  const common = { schema: "pgboss", superviseIntervalSeconds: 5, monitorIntervalSeconds: 5 };
  const boss = pglite
    ? new PgBoss({ ...common, db: fromPglite(pglite), backend: "pglite" })
    : new PgBoss({
        ...common,
        connectionString: config.databaseUrl!,
        max: Number(process.env.QUEUE_POOL_SIZE || 4),
        cronMonitorIntervalSeconds: 5,
        cronWorkerIntervalSeconds: 5,
      });
  boss.on("error", (err: Error) => console.error("[queue]", err.message));
  await boss.start();
  const retry = { retryLimit: 1_000_000, retryDelay: 1, retryBackoff: false };
  // heartbeatSeconds: a worker that dies mid-run stops beating, and its job is retried elsewhere.
  await ensureQueue(boss, RUN_QUEUE, { ...retry, heartbeatSeconds: config.heartbeatSeconds, expireInSeconds: 24 * 3600 });
  await ensureQueue(boss, APPROVAL_TIMEOUT_QUEUE, { retryLimit: 20, retryDelay: 5 });
  await ensureQueue(boss, SCHEDULE_TICK_QUEUE, { retryLimit: 0, expireInSeconds: 60 });
  return boss;
}

async function ensureQueue(boss: PgBoss, name: string, options: Parameters<PgBoss["createQueue"]>[1]) {
  if (await boss.getQueue(name)) await boss.updateQueue(name, options);
  else await boss.createQueue(name, options);
}

export function getBoss(): Promise<PgBoss> {
  if (!holder.boss) {
    holder.boss = openBoss();
    holder.boss.catch(() => (holder.boss = undefined));
  }
  return holder.boss;
}

/**
 * Queues "advance this run". Given a transaction, the job commits or rolls back with it, so a
 * run row never exists without the job that will execute it. Returns the job's id.
 */
export async function enqueueRun(runId: string, tx?: DbClient, startAfter?: Date): Promise<string> {
  const boss = await getBoss();
  const id = await boss.send(RUN_QUEUE, { runId }, { ...(tx ? { db: fromPrisma(tx as never) } : {}), ...(startAfter ? { startAfter } : {}) });
  return id!;
}

/** A run as its execution needs it, with the definition of its version. */
export type FreshRun = {
  id: string;
  workspaceId: string;
  automationId: string;
  version: number;
  input: unknown;
  eventDepth: number;
  chainId: string | null;
  logicalTime: Date;
  definition: TDefinition;
};

/**
 * A slot of this process's workers, taken before a run is created so that the run can be
 * created already leased to this process and started the moment it is written, without a trip
 * through the queue: no job, no fetch, no completion. The run row and its lease are the durable
 * record: should this process die, its lease lapses and a worker's sweep takes the run up
 * (RunDispatcher.sweepLapsed). When every worker is busy the slot is a place in this process's
 * backlog, and the run starts as soon as a worker frees. Null when this process runs no workers
 * or its backlog is full too: then the run is queued as usual.
 */
export function reserveLocalRun(): { start(run: FreshRun): void; release(): void } | null {
  const d = holder.dispatcher;
  if (!d || !d.reserve()) return null;
  let used = false;
  return {
    start(run) {
      used = true;
      d.runFresh(run.id, () => holder.handlers!.advanceFreshRun(run));
    },
    release() {
      if (!used) d.unreserve();
      used = true;
    },
  };
}

export async function scheduleApprovalTimeout(approvalId: string, at: Date, tx?: DbClient) {
  const boss = await getBoss();
  await boss.send(APPROVAL_TIMEOUT_QUEUE, { approvalId }, { startAfter: at, ...(tx ? { db: fromPrisma(tx as never) } : {}) });
}

/**
 * Starts this process's workers: a run dispatcher for `concurrency` runs at a time, and pg-boss
 * workers for approval timeouts and the scheduler tick.
 */
export function startWorkers(handlers: Handlers, concurrency: number): Promise<void> {
  holder.handlers = handlers;
  holder.workers ??= (async () => {
    const boss = await getBoss();
    holder.dispatcher = new RunDispatcher(
      boss,
      concurrency,
      (runId) => holder.handlers!.advanceRun(runId),
      (limit) => holder.handlers!.findLapsedRuns(limit),
      (ids) => holder.handlers!.renewLeases(ids),
    );
    const polling = { pollingIntervalSeconds: 0.5 };
    await boss.work<{ approvalId: string }>(APPROVAL_TIMEOUT_QUEUE, { ...polling, batchSize: 1 }, async ([job]) => {
      await holder.handlers!.approvalTimeout(job!.data.approvalId);
    });
    await boss.work(SCHEDULE_TICK_QUEUE, { ...polling, batchSize: 1 }, async () => holder.handlers!.scheduleTick());
    // One cron across all workers; the tick itself fires whatever is due (5-field cron is per minute).
    await boss.schedule(SCHEDULE_TICK_QUEUE, "* * * * *");
  })();
  holder.workers.catch(() => (holder.workers = undefined));
  return holder.workers;
}

/** Call after committing work for the run queue: a local dispatcher fetches it at once. */
export function wakeWorkers() {
  holder.dispatcher?.wake();
}

const IDLE_POLL_MS = 250;
const SWEEP_MS = 5_000;
/** Runs created here that may wait for a worker, per worker: past this, new runs are queued. */
const BACKLOG_PER_WORKER = 4;

/**
 * Fetches run jobs as slots free up, as many per query as there are free slots, and settles
 * each itself: complete when the run parks or ends, fail (so pg-boss retries it) when it throws.
 * While a run executes its job's heartbeat is kept fresh; a process that dies stops beating and
 * pg-boss hands the job on. pg-boss's own work() loop waits out its polling interval between
 * single-job fetches, which would cap a worker at a few runs a second.
 *
 * Runs created here while every worker is busy wait in a backlog, in memory, instead of going
 * through the queue: a burst of webhooks would otherwise cost each run a transaction, a job, a
 * fetch and a completion. A backlogged run is already written, running and leased to this
 * process, so it is as durable as one that started: the backlog renews the leases, and should
 * this process die they lapse and a sweep elsewhere resumes the runs.
 */
export class RunDispatcher {
  private active = 0;
  /** Slots promised to runs being created here (reserveLocalRun), not yet started. */
  private reserved = 0;
  /** Runs created here waiting for a worker, oldest first. */
  private readonly backlog: { runId: string; execute: () => Promise<void>; untrack: () => void }[] = [];
  private renewing: ReturnType<typeof setInterval> | null = null;
  private nextSweep = 0;
  private readonly completing: string[] = [];
  /** The loop is waiting for a slot to free. */
  private full = false;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly boss: PgBoss,
    private readonly concurrency: number,
    private readonly handle: (runId: string) => Promise<void>,
    private readonly findLapsed: (limit: number) => Promise<string[]>,
    private readonly renewLeases: (runIds: string[]) => Promise<void>,
  ) {
    this.done = this.loop();
  }

  wake() {
    this.wakeUp?.();
  }

  private idle(ms: number) {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  reserve(): boolean {
    if (this.stopping || this.active + this.reserved + this.backlog.length >= this.concurrency * (1 + BACKLOG_PER_WORKER)) return false;
    this.reserved++;
    return true;
  }

  unreserve() {
    this.reserved--;
    this.wake();
  }

  /** Executes a run created here, with its lease, in a reserved slot: now, or when a worker frees. */
  runFresh(runId: string, execute: () => Promise<void>) {
    this.reserved--;
    if (this.active < this.concurrency && this.backlog.length === 0) return this.occupy(execute);
    // Tracked as this process's run, so that its own sweep leaves it be and a cancel drops it.
    const entry = { runId, execute, untrack: () => {} };
    entry.untrack = trackLocalRun(runId, () => {
      const at = this.backlog.indexOf(entry);
      if (at >= 0) this.backlog.splice(at, 1);
    });
    this.backlog.push(entry);
    this.renewing ??= setInterval(() => {
      if (this.backlog.length) void this.renewLeases(this.backlog.map((e) => e.runId)).catch(() => {});
    }, Math.max(250, config.runLeaseMs / 3));
  }

  /** Starts backlogged runs while workers are free; a backlog drains even while stopping. */
  private drain() {
    while (this.active < this.concurrency && this.backlog.length) {
      const next = this.backlog.shift()!;
      next.untrack();
      this.occupy(next.execute);
    }
    if (this.backlog.length === 0 && this.renewing) {
      clearInterval(this.renewing);
      this.renewing = null;
    }
  }

  private occupy(execute: () => Promise<void>) {
    this.active++;
    void execute()
      .catch((err: Error) => {
        // Unrenewed, its lease lapses, and a sweep takes the run up again.
        if (err.name !== "LeaseHeldError") console.error("[queue] a run failed to execute here:", err.message);
      })
      .finally(() => {
        this.active--;
        this.drain();
        // The loop polls for queued work only when it waited on a full house; otherwise it is
        // polling on its own, and a fetch per run started here would be a query per run.
        if (this.full) this.wake();
      });
  }

  /**
   * Runs whose worker died holding their lease (a run started in place has no queue job that
   * pg-boss would retry): every SWEEP_MS, free slots take up as many, each claimed as any
   * resumed run is.
   */
  private async sweepLapsed(free: number) {
    if (Date.now() < this.nextSweep) return;
    this.nextSweep = Date.now() + SWEEP_MS;
    const ids = await this.findLapsed(free).catch((err: Error) => {
      if (!this.stopping) console.error("[queue] the lapsed-run sweep failed:", err.message);
      return [] as string[];
    });
    for (const id of ids) this.occupy(() => this.handle(id));
  }

  private async loop() {
    while (!this.stopping) {
      const free = this.concurrency - this.active - this.reserved - this.backlog.length;
      this.full = free <= 0;
      if (free <= 0) {
        await this.idle(IDLE_POLL_MS);
        continue;
      }
      await this.sweepLapsed(free);
      const left = this.concurrency - this.active - this.reserved - this.backlog.length;
      if (left <= 0) continue;
      let jobs: { id: string; data: { runId: string } }[] = [];
      try {
        jobs = await this.boss.fetch<{ runId: string }>(RUN_QUEUE, { batchSize: left });
      } catch (err) {
        if (!this.stopping) console.error("[queue] fetch failed:", (err as Error).message);
      }
      if (jobs.length === 0) {
        await this.idle(IDLE_POLL_MS);
        continue;
      }
      for (const job of jobs) void this.run(job);
    }
  }

  /**
   * Jobs whose runs are done are completed together, one statement for all that finished in the
   * same turn of the event loop: one per job halved what a worker drained. Should the process die
   * first, a job comes back and its run is advanced again, which finds it finished.
   */
  private complete(jobId: string) {
    this.completing.push(jobId);
    if (this.completing.length > 1) return;
    setImmediate(() => {
      const ids = this.completing.splice(0);
      void this.boss.complete(RUN_QUEUE, ids).catch(() => {});
    });
  }

  private async run(job: { id: string; data: { runId: string } }) {
    this.active++;
    const beat = setInterval(() => void this.boss.touch(RUN_QUEUE, job.id).catch(() => {}), (config.heartbeatSeconds * 1000) / 2);
    try {
      await this.handle(job.data.runId);
      this.complete(job.id);
    } catch (err) {
      await this.boss.fail(RUN_QUEUE, job.id, { message: (err as Error).message }).catch(() => {});
    } finally {
      clearInterval(beat);
      this.active--;
      this.drain();
      this.wake();
    }
  }

  async stop() {
    this.stopping = true;
    this.wake();
    await this.done;
    while (this.active > 0 || this.backlog.length) await new Promise((r) => setTimeout(r, 20));
  }
}

export async function stopQueue() {
  await holder.dispatcher?.stop();
  holder.dispatcher = undefined;
  const boss = await holder.boss?.catch(() => undefined);
  holder.boss = undefined;
  holder.workers = undefined;
  await boss?.stop({ graceful: true, timeout: 5000, close: true }).catch(() => {});
}
