import { isPseudoTool, isReadOnlyCall } from "../actions/registry";
import { ApiError } from "../errors";
import type { Db } from "../db";
import { executorFor } from "./executor-for";
import { reportDifferences, type ReplayDifference } from "./report-differences";
import { applyTemplates } from "./apply-templates";
import { BindingError, planRun, resolveInputs, resolveParameters, type StepState } from "./plan";
import { bindItem, resolveLoopItems } from "./resolve-loop-items";
import { loadProviders } from "../tool-providers/load-providers";
import { loadCurrentDefinition } from "../automations/load-current-definition";
import { StepError } from "../errors";
import { loadEgressPolicy, type EgressPolicy } from "../security/egress";

// The replay check: the automation dry-run against the run it was crystallized from. Read-only
// steps execute for real; side-effecting ones (and gates) are stubbed with what was recorded.
// Nothing is stored and no side effect happens.

/** `same_shape` is no longer given (a value that differs is `differs`); it stays in the type for old readers. */
export type Verdict = "equal" | "same_shape" | "differs" | "stubbed" | "failed" | "skipped" | "no_recording";
const REPLAY_STEP_TIMEOUT_MS = 30_000;

type ReportedStep = {
  step_key: string;
  mode: "executed" | "stubbed";
  verdict: Verdict;
  output?: unknown;
  recorded?: unknown;
  differences?: ReplayDifference[];
  differences_total?: number;
  error?: string;
  duration_ms: number;
};

export async function replayAgainstSource(db: Db, { workspaceId, automationId }: { workspaceId: string; automationId: string }) {
  const { automation, definition } = await loadCurrentDefinition(db, { workspaceId, automationId });
  if (!automation.sourceId) throw new ApiError("unprocessable", "Only crystallized automations have a source run to replay against");
  const callIds = definition.steps.flatMap((s) => s.source?.loop_calls ?? (s.source?.tool_call_id ? [s.source.tool_call_id] : []));
  // Only the workspace's own calls: a step's source is editable, and must not read another tenant's results.
  const calls = await db.toolCall.findMany({
    where: { id: { in: callIds }, OR: [{ run: { workspaceId, staged: false } }, { thread: { workspaceId, staged: false } }] },
    select: { id: true, result: true },
  });
  const recorded = new Map(calls.map((c) => [c.id, c.result]));
  const started = Date.now();
  // Relative dates count from the source run's own time, so they give back the dates it used.
  // As the crystallizer counted them: from the run's start, else the source's first timed call.
  const sourceId = automation.sourceId;
  const run = await db.agentRun.findFirst({ where: { id: sourceId, workspaceId }, select: { startedAt: true } });
  const firstCall = run?.startedAt
    ? null
    : await db.toolCall.findFirst({ where: { OR: [{ runId: sourceId, run: { workspaceId } }, { threadId: sourceId, thread: { workspaceId } }], status: "succeeded", startedAt: { not: null } }, orderBy: { position: "asc" }, select: { startedAt: true } });
  const now = run?.startedAt ?? firstCall?.startedAt ?? new Date(started);

  const states = new Map<string, StepState>();
  const params = resolveParameters(definition, {});
  let providers: ReturnType<typeof loadProviders> | undefined;
  let egress: Promise<EgressPolicy> | undefined;
  const report = new Map<string, ReportedStep>();

  for (;;) {
    const plan = planRun(definition, states);
    for (const key of plan.skip) {
      states.set(key, { status: "skipped", attempt: 0 });
      report.set(key, { step_key: key, mode: "stubbed", verdict: "skipped", duration_ms: 0 });
    }
    if (plan.ready.length === 0) break;
    await Promise.all(
      plan.ready.map(async (step) => {
        const t0 = Date.now();
        // A loop crystallized from several calls was recorded as the list of their results.
        const loopCalls = step.for_each ? step.source?.loop_calls : undefined;
        const rec = loopCalls ? loopCalls.map((id) => recorded.get(id) ?? null) : step.source?.tool_call_id ? recorded.get(step.source.tool_call_id) : undefined;
        const hasRecording = rec !== undefined && rec !== null;
        try {
          const scope = { params, states, now, timeZone: definition.time_zone ?? "UTC" };
          const base = resolveInputs(step, states, params);
          const items = step.for_each ? resolveLoopItems(step, states, params) : null;
          const perCall = items
            ? await Promise.all(items.map((item) => applyTemplates(step, bindItem(step, base, item), { ...scope, item })))
            : [await applyTemplates(step, base, scope)];
          const inputs = perCall[0] ?? base;
          const kind = step.type === "condition" ? "condition" : step.type === "approval_gate" ? "approval_gate" : step.action_kind!;
          const readOnly = step.type === "condition" || (step.type === "action" && isReadOnlyCall(kind, inputs));
          // Pseudo-tools are stubbed like side effects: re-running scratch work proves nothing.
          if (!readOnly || (step.type === "action" && isPseudoTool(kind))) {
            const output = step.type === "approval_gate" ? { approved: true, decision: "approved", by: "replay" } : (rec ?? null);
            states.set(step.key, { status: "succeeded", attempt: 1, output });
            report.set(step.key, { step_key: step.key, mode: "stubbed", verdict: "stubbed", output, duration_ms: 0 });
            return;
          }
          const executor = await executorFor(step, () => (providers ??= loadProviders(db, workspaceId)));
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort("replay step timed out"), REPLAY_STEP_TIMEOUT_MS);
          const ctx = {
            db,
            workspaceId,
            automationId,
            runId: `replay_${automationId}`,
            step,
            attempt: 1,
            signal: controller.signal,
            egress: await (egress ??= loadEgressPolicy(db, workspaceId)),
          };
          const key = `replay:${automationId}:${step.key}:${started}`;
          // One deadline for the whole step, a loop's items included, one at a time.
          const outputs: unknown[] = [];
          try {
            for (const [i, each] of perCall.entries()) outputs.push(await executor(each, { ...ctx, idempotencyKey: items ? `${key}:${i}` : key }));
          } finally {
            clearTimeout(timer);
          }
          const output = items ? outputs : outputs[0];
          states.set(step.key, { status: "succeeded", attempt: 1, output });
          report.set(step.key, {
            step_key: step.key,
            mode: "executed",
            ...(step.type === "condition" ? { verdict: "equal" as const } : hasRecording ? reportDifferences(output, rec) : { verdict: "no_recording" as const }),
            output,
            recorded: rec ?? null,
            duration_ms: Date.now() - t0,
          });
        } catch (err) {
          if (!(err instanceof StepError || err instanceof BindingError || err instanceof Error)) throw err;
          states.set(step.key, { status: "failed", attempt: 1, error: err.message });
          report.set(step.key, { step_key: step.key, mode: "executed", verdict: "failed", error: err.message, recorded: rec ?? null, duration_ms: Date.now() - t0 });
        }
      }),
    );
  }

  const steps = definition.steps.map((s): ReportedStep => report.get(s.key) ?? { step_key: s.key, mode: "stubbed", verdict: "skipped", duration_ms: 0 });
  const count = (v: Verdict) => steps.filter((s) => s.verdict === v).length;
  return {
    automation_id: automationId,
    version: automation.currentVersion,
    source: automation.sourceId,
    // Every executed step must give back exactly what was recorded; a step that ran without a
    // recording to compare with proves nothing, so it does not count as reproduced either.
    reproduces: steps.every((s) => s.verdict === "equal" || s.verdict === "stubbed" || s.verdict === "skipped"),
    summary: {
      executed: steps.filter((s) => s.mode === "executed").length,
      equal: count("equal"),
      same_shape: 0,
      differs: count("differs"),
      stubbed: count("stubbed"),
      failed: count("failed"),
      no_recording: count("no_recording"),
    },
    duration_ms: Date.now() - started,
    steps,
  };
}
