import { z } from "zod";
import { ZAutomation, ZDefinition, ZExtract } from "../automations/schemas";

// What the crystallize routes answer (lib/crystallize/crystallize-source.ts). The route sends the
// JSON as the worker rendered it, so these document and type the response; nothing parses it.

const ZSourceRef = z.object({ type: z.enum(["agent_run", "chat_thread"]), id: z.string() });
const ZCallRef = { tool_call_id: z.string(), call_id: z.string(), tool: z.string(), reason: z.string() };

export const ZCrystallizeReport = z
  .object({
    source: ZSourceRef,
    ordering: z.enum(["dataflow", "sequential"]),
    tool_calls: z.number().int(),
    action_steps: z.number().int(),
    approval_gates: z.number().int(),
    /** Calls that did not become steps (failed, retried, read-only scratch work), and why. */
    dropped: z.array(z.object(ZCallRef)),
    /** Calls that reported success with a failure in their result; `overridden` when treat_as_succeeded named them. */
    in_band_failures: z.array(z.object({ ...ZCallRef, overridden: z.boolean() })),
    bindings: z.array(z.object({ step: z.string(), input_path: z.string(), from_step: z.string(), output_path: z.string(), extract: ZExtract.optional() })),
    parameters: z.array(z.object({ name: z.string(), default: z.unknown(), used_by: z.array(z.object({ step: z.string(), input_path: z.string() })) })),
    nondeterministic_steps: z.array(z.object({ step: z.string(), reason: z.string(), inputs: z.array(z.string()) })),
    /** Dates that now roll with the calendar, each in words ("start of previous quarter"); null when the source recorded no time to count from. */
    relative_dates: z.array(z.object({ step: z.string(), input_path: z.string(), literal: z.string(), relation: z.string() })).nullable(),
    /** Like calls over a whole list that became one for_each step: the step, the list, its length and the calls. */
    loops: z.array(z.object({ step: z.string(), over: z.string(), items: z.number().int(), calls: z.array(z.string()) })),
    /** Like calls over only some of a list's items ("used 2 of 3 items of …"): kept as steps; the editor can make them a loop. */
    candidate_loops: z.array(z.object({ steps: z.array(z.string()), over: z.string(), used: z.number().int(), of: z.number().int(), reason: z.string() })),
    /** Inputs that read a list's element by a property the user named (`plan` "Pro"), not by its place. Reports kept from before picks have none. */
    picks: z
      .array(z.object({ step: z.string(), input_path: z.string(), from_step: z.string(), list_path: z.string(), field: z.string(), value: z.string() }))
      .default([]),
    duration_ms: z.number(),
  })
  .meta({ id: "CrystallizeReport" });
export type CrystallizeReport = z.output<typeof ZCrystallizeReport>;

export const ZMergeDifference = z
  .object({
    step: z.string(),
    input_path: z.string(),
    parameter: z.string(),
    /** The automation's value, kept as the parameter's default. */
    current: z.unknown(),
    /** The new run's value: pass it as the parameter to reproduce that run. */
    incoming: z.unknown(),
    /** False when the input was a parameter already. */
    new_parameter: z.boolean(),
  })
  .meta({ id: "MergeDifference" });
export type MergeDifference = z.output<typeof ZMergeDifference>;

/** `include=definition`: answer with the draft's whole definition, every recorded input in it. */
export const ZCrystallizeQuery = z.object({ include: z.enum(["definition"]).optional() });

/**
 * The new automation, or the one merged into. Its definition (for a long run megabytes of recorded
 * values) only with `include=definition`; GET /automations/{id} reads it any time.
 */
export const ZCrystallizedAutomation = ZAutomation.extend({ definition: ZDefinition.optional() }).meta({ id: "CrystallizedAutomation" });

export const ZCrystallizeResult = z
  .object({
    automation: ZCrystallizedAutomation,
    report: ZCrystallizeReport,
    /** With `into`: the run was merged into that automation as its next version. */
    merge: z.object({ into: z.string(), from_version: z.number().int(), version: z.number().int(), differences: z.array(ZMergeDifference) }).optional(),
  })
  .meta({ id: "CrystallizeResult" });
export type CrystallizeResult = z.output<typeof ZCrystallizeResult>;
