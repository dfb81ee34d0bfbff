import type { Extract } from "../automations/extract";
import type { TDefinition } from "../automations/schemas";

/** A run or thread flattened into one ordered timeline: what the crystallizer reads. */
export type TranscriptMessage = {
  kind: "message";
  id: string;
  role: "system" | "user" | "assistant" | "tool";
  text: string;
};

export type TranscriptToolCall = {
  kind: "tool_call";
  /** Our id (`tc_…`). */
  id: string;
  /** The framework's id (`call_…`, `toolu_…`). */
  callId: string;
  toolName: string;
  arguments: Record<string, unknown>;
  result: unknown;
  status: "succeeded" | "failed" | "pending";
  error?: string | null;
  messageId?: string | null;
  approval?: { status: "requested" | "approved" | "rejected"; decidedBy?: string | null; decidedAt?: string | null } | null;
  /** When the call started, if recorded (ISO). */
  startedAt?: string | null;
};

export type TranscriptEvent = TranscriptMessage | TranscriptToolCall;

export type Transcript = {
  source: { type: "agent_run" | "chat_thread"; id: string };
  /** A human name for the source (agent name or thread title), used to name the automation. */
  label?: string;
  /** The run's input: what the user asked for, so it counts as user-supplied text. */
  input?: unknown;
  /** When the run started, if recorded (ISO): what relative dates are counted from. */
  startedAt?: string | null;
  events: TranscriptEvent[];
};

export type CrystallizeOptions = {
  /** "dataflow" (default): only the order that matters. "sequential": the plain chain. */
  ordering?: "dataflow" | "sequential";
  /**
   * Calls (our `tc_` ids, or the framework's call ids) that count as succeeded although their
   * result reads as a failure (lib/crystallize/in-band-failure.ts): for when a rule misfires.
   */
  treat_as_succeeded?: string[];
  /** The zone the automation counts dates in (UTC when absent): "start of this month" begins at midnight there. */
  time_zone?: string;
};

/** A call that reported success with a failure in its result, and whether the user overrode that. */
export type InBandFailure = { tool_call_id: string; call_id: string; tool: string; reason: string; overridden: boolean };

export type DroppedCall = { tool_call_id: string; call_id: string; tool: string; reason: string };

export type CrystallizeReport = {
  source: { type: "agent_run" | "chat_thread"; id: string };
  ordering: "dataflow" | "sequential";
  tool_calls: number;
  action_steps: number;
  approval_gates: number;
  dropped: DroppedCall[];
  in_band_failures: InBandFailure[];
  bindings: { step: string; input_path: string; from_step: string; output_path: string; extract?: Extract }[];
  parameters: { name: string; default: unknown; used_by: { step: string; input_path: string }[] }[];
  nondeterministic_steps: { step: string; reason: string; inputs: string[] }[];
  /** Dates that now roll with the calendar, each in words ("start of previous quarter"); null when the source recorded no time to count from. */
  relative_dates: { step: string; input_path: string; literal: string; relation: string }[] | null;
  /** Like calls over a whole list that became one for_each step: the step, the list, its length and the calls. */
  loops: { step: string; over: string; items: number; calls: string[] }[];
  /** Like calls over only some of a list's items: kept as steps; the user may make them a loop. */
  candidate_loops: { steps: string[]; over: string; used: number; of: number; reason: string }[];
  /** Inputs that read a list's element by a property the user named (`plan` "Pro"), not by its place in the list. */
  picks: { step: string; input_path: string; from_step: string; list_path: string; field: string; value: string }[];
};

export type CrystallizeResult = { definition: TDefinition; report: CrystallizeReport };
