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

export const ZReplayVerdict = z.enum(["equal", "same_shape", "differs", "stubbed", "failed", "skipped", "no_recording"]);
export type ReplayVerdict = z.output<typeof ZReplayVerdict>;

export const ZReplayStep = z
  .object({
    step_key: z.string(),
    /** Read-only steps execute for real; side effects and gates are stubbed with what was recorded. */
    mode: z.enum(["executed", "stubbed"]),
    verdict: ZReplayVerdict,
    output: z.unknown().optional(),
    recorded: z.unknown().optional(),
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
    reproduces: z.boolean(),
    summary: z.object({ equal: z.number(), same_shape: z.number(), differs: z.number(), stubbed: z.number(), failed: z.number() }),
    duration_ms: z.number(),
    steps: z.array(ZReplayStep),
  })
  .meta({ id: "ReplayReport" });
export type ReplayReport = z.output<typeof ZReplayReport>;
