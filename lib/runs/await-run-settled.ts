import type { Db } from "../db";
import { runEvents, type Settled } from "../engine/queue/run-events";

/** Runs being waited on in this process: each holds a request open, so there is a ceiling. */
const MAX_WATCHERS = 1_000;
/** How often a run that another process executes is looked at. */
const POLL_MS = 100;
let watchers = 0;

const SETTLED = new Set<string>(["succeeded", "failed", "canceled", "waiting_for_approval"]);

export type RunWatch = {
  /** The run once it ends or parks at an approval; null when `timeoutMs` passes first. */
  settled(db: Db, timeoutMs: number): Promise<Settled | null>;
  close(): void;
};

/**
 * Starts watching a run. Call it before the run can start (startRun's `beforeStart`), so its end
 * cannot slip by unseen. A run this process executes is noticed the moment it settles;
 * one a worker process executes is looked at every POLL_MS. Undefined when too many requests
 * already wait: the caller answers at once instead.
 */
export function watchRun(runId: string): RunWatch | undefined {
  if (watchers >= MAX_WATCHERS) return undefined;
  watchers++;
  let seen: Settled | undefined;
  let wake: (() => void) | undefined;
  const onSettled = (s: Settled) => {
    seen = s;
    wake?.();
  };
  runEvents.once(`settled:${runId}`, onSettled);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    watchers--;
    runEvents.off(`settled:${runId}`, onSettled);
    wake?.();
  };
  return {
    close,
    async settled(db, timeoutMs) {
      const until = Date.now() + timeoutMs;
      try {
        for (;;) {
          if (seen) return seen;
          const left = until - Date.now();
          if (closed || left <= 0) return null;
          let timer: NodeJS.Timeout | undefined;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, Math.min(POLL_MS, left));
          });
          clearTimeout(timer);
          wake = undefined;
          if (seen) return seen;
          const run = await db.automationRun.findUnique({ where: { id: runId }, select: { status: true, output: true, error: true } });
          if (!run) return null;
          if (SETTLED.has(run.status)) return run as Settled;
        }
      } finally {
        close();
      }
    },
  };
}
