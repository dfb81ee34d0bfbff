import type { Db, DbClient } from "../db";
import { newId } from "../ids";
import { wakeWorkers } from "../engine/queue/queue";
import { createRunInTx, runInputProblem } from "../runs/start-run";
import { triggerRunInput } from "./trigger-input";
import { loadLiveDefinition } from "../automations/load-live-definition";

// Events start every active automation subscribed to their name. The engine emits
// automation.run.succeeded / automation.run.failed, so automations can chain. Two bounds keep a
// chain from running away: its depth (MAX_EVENT_DEPTH hops), and its width, a budget of runs per
// originating event (EVENT_CHAIN_MAX_RUNS), because two automations that both follow every run's
// end double the runs at each hop. What a bound refuses is recorded as a canceled run saying why,
// so the run history shows where the chain stopped.

export const MAX_EVENT_DEPTH = 8;

const DEFAULT_CHAIN_MAX_RUNS = 100;

export const chainMaxRuns = () => {
  const n = Number(process.env.EVENT_CHAIN_MAX_RUNS || DEFAULT_CHAIN_MAX_RUNS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_CHAIN_MAX_RUNS;
};

type Event = { workspaceId: string; name: string; payload: Record<string, unknown>; depth?: number; chainId?: string };

type Started = { trigger_id: string; automation_id: string; run_id: string };

/** Counts `wanted` runs against the chain's budget; returns how many it had asked for before. */
async function countAgainstBudget(tx: DbClient, workspaceId: string, chainId: string, wanted: number): Promise<number> {
  const rows = await tx.$queryRaw<{ requested: number }[]>`
    INSERT INTO event_chain (id, "workspaceId", requested) VALUES (${chainId}, ${workspaceId}, ${wanted})
    ON CONFLICT (id) DO UPDATE SET requested = event_chain.requested + ${wanted}
    RETURNING requested`;
  return rows[0]!.requested - wanted;
}

/** Starts the subscribed runs inside `tx`: they exist exactly when what caused the event does. */
export async function emitEventInTx(tx: DbClient, e: Event) {
  const depth = e.depth ?? 0;
  const chainId = e.chainId ?? newId("evt");
  const runs: Started[] = [];
  const refused: (Started & { reason: string })[] = [];
  const triggers = await tx.trigger.findMany({
    where: { workspaceId: e.workspaceId, kind: "event", eventName: e.name, enabled: true, automation: { status: "active" } },
    orderBy: { createdAt: "asc" },
  });
  if (triggers.length === 0) return { chain_id: chainId, runs, refused };

  const max = chainMaxRuns();
  const before = await countAgainstBudget(tx, e.workspaceId, chainId, triggers.length);
  const tooDeep = depth > MAX_EVENT_DEPTH;
  const granted = tooDeep ? 0 : Math.max(0, Math.min(triggers.length, max - before));
  // Only the emission that first crosses a bound leaves refused runs behind; later ones are counted, not recorded.
  const record = before <= max;
  const reason = tooDeep
    ? `Not started: the event chain ${chainId} is deeper than ${MAX_EVENT_DEPTH} hops`
    : `Not started: the event chain ${chainId} reached its budget of ${max} runs (EVENT_CHAIN_MAX_RUNS)`;

  for (const [i, t] of triggers.entries()) {
    if (i >= granted && !record) break;
    const { version, definition } = await loadLiveDefinition(tx, { workspaceId: e.workspaceId, automationId: t.automationId });
    if (!definition || definition.steps.length === 0) continue;
    const input = triggerRunInput(t, e.payload);
    // A payload the subscriber's parameters refuse is recorded as a refused run: the emitter's
    // own transaction (what caused the event) must not fail because of a subscriber.
    const problem = i < granted ? runInputProblem(definition, input) : null;
    const misfit = problem && `Not started: the event's payload does not fit the automation's parameters: ${problem}`;
    const runId = await createRunInTx(tx, {
      workspaceId: e.workspaceId,
      automationId: t.automationId,
      version: version!,
      definition,
      trigger: "event",
      triggerId: t.id,
      input,
      eventDepth: depth,
      chainId,
      ...(i >= granted ? { refused: reason } : misfit ? { refused: misfit } : {}),
    });
    const started = { trigger_id: t.id, automation_id: t.automationId, run_id: runId };
    if (i < granted && !misfit) runs.push(started);
    else refused.push({ ...started, reason: misfit ?? reason });
  }
  return { chain_id: chainId, runs, refused };
}

export async function hasSubscribers(db: DbClient, { workspaceId, name }: { workspaceId: string; name: string }) {
  return (await db.trigger.count({ where: { workspaceId, kind: "event", eventName: name, enabled: true } })) > 0;
}

export async function emitEvent(db: Db, e: Event) {
  const out = await db.$transaction((tx) => emitEventInTx(tx, e));
  if (out.runs.length) wakeWorkers();
  return out;
}

type EndedRun = { workspaceId: string; automationId: string; runId: string; status: "succeeded" | "failed"; output: unknown; error: string | null; eventDepth: number; chainId: string | null };

/** A run's end as an event; it continues the run's chain, or starts one named after the run. */
export const runEvent = (r: EndedRun): Event => ({
  workspaceId: r.workspaceId,
  name: `automation.run.${r.status}`,
  payload: { automation_id: r.automationId, run_id: r.runId, status: r.status, output: r.output, error: r.error },
  depth: r.eventDepth + 1,
  chainId: r.chainId ?? r.runId,
});
