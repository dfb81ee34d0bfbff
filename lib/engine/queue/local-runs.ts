// The runs this process is executing right now, by id. Kept apart from the runner so that run
// commands (cancel) can stop a local execution without depending on the runner itself. On
// globalThis, like the queue: Next may load the engine (instrumentation) and the route that
// cancels as separate module instances, and both must see one map.

const stoppers: Map<string, () => void> = ((globalThis as { __czLocalRuns?: Map<string, () => void> }).__czLocalRuns ??= new Map());

export function trackLocalRun(runId: string, stop: () => void) {
  stoppers.set(runId, stop);
  return () => {
    if (stoppers.get(runId) === stop) stoppers.delete(runId);
  };
}

/** Stops this process's execution of a run at once (the caller has already marked it canceled). */
export function abortLocalRun(runId: string) {
  stoppers.get(runId)?.();
}

/** Whether this process is executing the run: a sweep must not start it a second time here. */
export function isRunningHere(runId: string) {
  return stoppers.has(runId);
}
