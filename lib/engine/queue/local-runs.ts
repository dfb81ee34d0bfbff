// The runs this process is executing right now, by id. Kept apart from the runner so that run
// commands (cancel) can stop a local execution without depending on the runner itself.

const stoppers = new Map<string, () => void>();

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
