import { z } from "zod";

// What the activation and replay routes answer (setAutomationStatus, activationBlockers,
// replayAgainstSource). The automation itself is ZAutomation in ./schemas.

export const ZAutomationStatusChange = z
  .object({ id: z.string(), status: z.enum(["draft", "active", "paused"]), version: z.number().int(), live_version: z.number().int().nullable() })
  .meta({ id: "AutomationStatusChange" });
export type AutomationStatusChange = z.output<typeof ZAutomationStatusChange>;

export const ZPublishResult = ZAutomationStatusChange.extend({
  /** What was live before: null when this was the first publish. */
  previous_live_version: z.number().int().nullable(),
}).meta({ id: "PublishResult" });

export const ZBlocker = z
  .object({
    /** The step it concerns; null for the automation as a whole. */
    step: z.string().nullable(),
    reason: z.enum(["unbound_tool", "invalid_inputs", "unreviewed", "empty"]),
    message: z.string(),
  })
  .meta({ id: "Blocker" });
export type Blocker = z.output<typeof ZBlocker>;

export const ZActivationCheck = z
  .object({ can_activate: z.boolean(), blockers: z.array(ZBlocker) })
  .meta({ id: "ActivationCheck" });
export type ActivationCheck = z.output<typeof ZActivationCheck>;

/** `same_shape` is deprecated and no longer given: an output whose values differ is `differs`, whatever its shape. */
export const ZReplayVerdict = z.enum(["equal", "same_shape", "differs", "stubbed", "failed", "skipped", "no_recording"]);
export type ReplayVerdict = z.output<typeof ZReplayVerdict>;

export const ZReplayDifference = z
  .object({
    /** JSON Pointer into the step's output, e.g. /rows/1/revenue; "" is the whole output. */
    path: z.string(),
    /** `added`: only the new output has it; `removed`: only the recorded result has it. */
    change: z.enum(["changed", "added", "removed"]),
    recorded: z.unknown().optional(),
    output: z.unknown().optional(),
    /** A value too long to list here was cut (a string) or summarised (a list or object). */
    truncated: z.literal(true).optional(),
  })
  .meta({ id: "ReplayDifference" });
export type ReplayDifference = z.output<typeof ZReplayDifference>;

export const ZReplayStep = z
  .object({
    step_key: z.string(),
    /** Read-only steps execute for real; side effects and gates are stubbed with what was recorded. */
    mode: z.enum(["executed", "stubbed"]),
    /** `equal`: deep-equal to the recorded result (object key order never counts); `differs`: see `differences`. */
    verdict: ZReplayVerdict,
    output: z.unknown().optional(),
    recorded: z.unknown().optional(),
    /** With `differs`: where the output differs from the recorded result, in document order, the first 50. */
    differences: z.array(ZReplayDifference).optional(),
    /** With `differs`: how many differences there are in all, also those not listed. */
    differences_total: z.number().int().optional(),
    error: z.string().optional(),
    duration_ms: z.number(),
  })
  .meta({ id: "ReplayStep" });
export type ReplayStep = z.output<typeof ZReplayStep>;

export const ZReplayReport = z
  .object({
    automation_id: z.string(),
    version: z.number().int(),
    /** The run or thread replayed against. */
    source: z.string(),
    /** True only when every executed step's output equals the recorded result. */
    reproduces: z.boolean(),
    summary: z.object({
      /** Steps that ran for real (their verdict is equal, differs, failed or no_recording). */
      executed: z.number(),
      equal: z.number(),
      /** Deprecated: always 0, see the step verdict. */
      same_shape: z.number(),
      differs: z.number(),
      stubbed: z.number(),
      failed: z.number(),
      /** Executed steps with no recorded result to compare with. */
      no_recording: z.number(),
    }),
    duration_ms: z.number(),
    steps: z.array(ZReplayStep),
  })
  .meta({ id: "ReplayReport" });
export type ReplayReport = z.output<typeof ZReplayReport>;
