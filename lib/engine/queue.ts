import { PgBoss, fromPglite, fromPrisma } from "pg-boss";
import { config } from "../config";
import { getDb, getEmbeddedPglite, type DbClient } from "../db";

// pg-boss carries three kinds of work: "advance run X" (a run's whole execution up to its next
// wait or its end: steps run in-process, so a step costs database writes, not queue round
// trips), approval timeouts (delayed jobs), and the scheduler's tick (a pg-boss cron).

export const RUN_QUEUE = "automation-run";
export const APPROVAL_TIMEOUT_QUEUE = "approval-timeout";
export const SCHEDULE_TICK_QUEUE = "schedule-tick";

type Holder = { boss?: Promise<PgBoss>; workers?: Promise<void>; handlers?: Handlers };
const holder: Holder = ((globalThis as { __czBoss?: Holder }).__czBoss ??= {});

export type Handlers = {
  advanceRun: (runId: string) => Promise<void>;
  approvalTimeout: (approvalId: string) => Promise<void>;
  scheduleTick: () => Promise<void>;
};

async function openBoss(): Promise<PgBoss> {
  await getDb(); // the embedded database must be open (and migrated) first
  const pglite = getEmbeddedPglite();
  const boss = pglite
    ? new PgBoss({ db: fromPglite(pglite), backend: "pglite", schema: "pgboss" })
    : new PgBoss({
        connectionString: config.databaseUrl!,
        schema: "pgboss",
        max: Number(process.env.QUEUE_POOL_SIZE || 4),
        useListenNotify: true,
        cronMonitorIntervalSeconds: 5,
        cronWorkerIntervalSeconds: 5,
      });
  boss.on("error", (err: Error) => console.error("[queue]", err.message));
  await boss.start();
  const retry = { retryLimit: 1_000_000, retryDelay: 1, retryBackoff: false };
  // heartbeatSeconds: a worker that dies mid-run stops beating, and its job is retried elsewhere.
  await ensureQueue(boss, RUN_QUEUE, { ...retry, heartbeatSeconds: config.heartbeatSeconds, expireInSeconds: 24 * 3600, notify: true });
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
 * run row never exists without the job that will execute it.
 */
export async function enqueueRun(runId: string, tx?: DbClient, startAfter?: Date) {
  const boss = await getBoss();
  await boss.send(RUN_QUEUE, { runId }, { ...(tx ? { db: fromPrisma(tx as never) } : {}), ...(startAfter ? { startAfter } : {}) });
}

export async function scheduleApprovalTimeout(approvalId: string, at: Date, tx?: DbClient) {
  const boss = await getBoss();
  await boss.send(APPROVAL_TIMEOUT_QUEUE, { approvalId }, { startAfter: at, ...(tx ? { db: fromPrisma(tx as never) } : {}) });
}

/** Starts this process's workers: `concurrency` runs at a time, plus timeouts and the scheduler. */
export function startWorkers(handlers: Handlers, concurrency: number): Promise<void> {
  holder.handlers = handlers;
  holder.workers ??= (async () => {
    const boss = await getBoss();
    const polling = { pollingIntervalSeconds: 0.5 };
    await boss.work<{ runId: string }>(RUN_QUEUE, { ...polling, batchSize: 1, localConcurrency: concurrency }, async ([job]) => {
      await holder.handlers!.advanceRun(job!.data.runId);
    });
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

export async function stopQueue() {
  const boss = await holder.boss?.catch(() => undefined);
  holder.boss = undefined;
  holder.workers = undefined;
  await boss?.stop({ graceful: true, timeout: 5000, close: true }).catch(() => {});
}
