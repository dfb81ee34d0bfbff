import type { AutomationRun, StepItem, StepRun } from "../generated/prisma/client";

export const presentRunSummary = (r: AutomationRun) => ({
  id: r.id,
  automation_id: r.automationId,
  version: r.version,
  status: r.status,
  trigger: r.trigger,
  trigger_id: r.triggerId,
  retry_of: r.retryOf,
  error: r.error,
  created_at: r.createdAt.toISOString(),
  logical_time: (r.logicalTime ?? r.createdAt).toISOString(),
  started_at: r.startedAt?.toISOString() ?? null,
  ended_at: r.endedAt?.toISOString() ?? null,
  duration_ms: r.startedAt && r.endedAt ? r.endedAt.getTime() - r.startedAt.getTime() : null,
});

export const presentStepItem = (i: StepItem) => ({
  index: i.index,
  status: i.status,
  attempts: i.attempt,
  inputs: i.inputs ?? null,
  output: i.output ?? null,
  error: i.error,
  started_at: i.startedAt?.toISOString() ?? null,
  ended_at: i.endedAt?.toISOString() ?? null,
});

export const presentStepRun = (s: StepRun, items?: StepItem[]) => ({
  step_key: s.stepKey,
  status: s.status,
  attempts: s.attempt,
  inputs: s.inputs ?? null,
  output: s.output ?? null,
  error: s.error,
  reused: s.reused,
  next_attempt_at: s.nextAttemptAt?.toISOString() ?? null,
  started_at: s.startedAt?.toISOString() ?? null,
  ended_at: s.endedAt?.toISOString() ?? null,
  duration_ms: s.startedAt && s.endedAt ? s.endedAt.getTime() - s.startedAt.getTime() : null,
  ...(items ? { items: items.map(presentStepItem) } : {}),
});
