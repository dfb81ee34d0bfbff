import { z } from "zod";
import { page } from "../pagination";

// What the automation-run routes answer (presentRunSummary, presentStepRun and getRunOrThrow).
// The wrapper parses each response through these, so they list every field a run shows.

export const ZRunStatus = z.enum(["queued", "running", "waiting_for_approval", "succeeded", "failed", "canceled"]);
export const ZStepStatus = z.enum(["pending", "running", "waiting", "succeeded", "failed", "skipped", "canceled"]);
export type RunStatus = z.output<typeof ZRunStatus>;
export type StepStatus = z.output<typeof ZStepStatus>;

/** One item of a looping step (for_each), numbered from 0 in list order. */
export const ZStepItem = z
  .object({
    index: z.number().int(),
    status: ZStepStatus,
    attempts: z.number().int(),
    inputs: z.unknown(),
    output: z.unknown(),
    error: z.string().nullable(),
    started_at: z.string().nullable(),
    ended_at: z.string().nullable(),
  })
  .meta({ id: "StepItem" });
export type StepItem = z.output<typeof ZStepItem>;

export const ZStepRun = z
  .object({
    step_key: z.string(),
    status: ZStepStatus,
    /** Failed attempts so far. */
    attempts: z.number().int(),
    inputs: z.unknown().describe("the step's inputs as resolved for its last attempt (null before it ran)"),
    output: z.unknown(),
    error: z.string().nullable(),
    /** Copied, with its output, from the failed run this one retries. */
    reused: z.boolean(),
    next_attempt_at: z.string().nullable(),
    started_at: z.string().nullable(),
    ended_at: z.string().nullable(),
    duration_ms: z.number().nullable(),
    /** A looping step's items, once it started them; absent on other steps and in run lists. */
    items: z.array(ZStepItem).optional(),
  })
  .meta({ id: "StepRun" });
export type StepRun = z.output<typeof ZStepRun>;

export const ZRunSummary = z
  .object({
    id: z.string(),
    automation_id: z.string(),
    /** The version the run executes; later edits never change it. */
    version: z.number().int(),
    status: ZRunStatus,
    trigger: z.string().describe("manual, schedule, webhook, event or retry"),
    trigger_id: z.string().nullable(),
    retry_of: z.string().nullable(),
    error: z.string().nullable(),
    created_at: z.string(),
    /** The run's "now", which relative dates and templates count from: a schedule's fire time, the request's time, or the input's `now`. */
    logical_time: z.string(),
    started_at: z.string().nullable(),
    ended_at: z.string().nullable(),
    duration_ms: z.number().nullable(),
  })
  .meta({ id: "RunSummary" });
export type RunSummary = z.output<typeof ZRunSummary>;

/** A row of the run lists, which also name the automation. */
export const ZRunListItem = ZRunSummary.extend({ automation_name: z.string() }).meta({ id: "RunListItem" });
export type RunListItem = z.output<typeof ZRunListItem>;

export const ZRunPage = page(ZRunListItem);
export type RunPage = z.output<typeof ZRunPage>;

export const ZRunApprovalRef = z.object({
  id: z.string(),
  step_key: z.string(),
  status: z.enum(["pending", "approved", "rejected", "timed_out", "canceled"]),
});
export type RunApprovalRef = z.output<typeof ZRunApprovalRef>;

export const ZRunDetail = ZRunSummary.extend({
  input: z.unknown(),
  output: z.unknown(),
  /** In the order of the automation's steps. */
  steps: z.array(ZStepRun),
  approvals: z.array(ZRunApprovalRef),
}).meta({ id: "Run" });
export type RunDetail = z.output<typeof ZRunDetail>;
