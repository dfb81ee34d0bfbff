import { EventEmitter } from "node:events";

// In-process notice of the runs this process parked or finished, emitted twice: as ("settled",
// runId, status) for whoever watches every run, and as (`settled:<runId>`, settled) for one that
// waits on a run. On globalThis, like the queue: the engine (loaded by instrumentation) and a
// route that waits for a run can be separate module instances in Next, and both must see one emitter.

export type SettledStatus = "succeeded" | "failed" | "canceled" | "waiting_for_approval";
export type Settled = { status: SettledStatus; output: unknown; error: string | null };

export const runEvents: EventEmitter = ((globalThis as { __czRunEvents?: EventEmitter }).__czRunEvents ??= new EventEmitter().setMaxListeners(0));

export function emitSettled(runId: string, settled: Settled) {
  runEvents.emit("settled", runId, settled.status);
  runEvents.emit(`settled:${runId}`, settled);
}
