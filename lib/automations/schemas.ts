import { IANAZone } from "luxon";
import { z } from "zod";

// The automation definition: what a version stores and what the editor and engine read.

/** Steps of one automation: one per tool call of the source it came from, so lib/sources caps a source's calls at this. */
export const MAX_STEPS = 10_000;
/** Bounds on what templates can make a run do: per step, and holes per template. */
export const MAX_TEMPLATES_PER_STEP = 20;
export const MAX_HOLES_PER_TEMPLATE = 50;

export const ZStepKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,79}$/, "must start with a letter and hold only a-z, 0-9 and _ (at most 80)");
export const ZPointer = z.string().regex(/^(\/[^/]*)*$/, "must be a JSON Pointer such as /sql or /charts/0/data");

/** How a value is cut out of a text output (lib/automations/extract.ts). */
export const ZExtract = z.union([
  z.strictObject({ line: z.number().int().min(0).max(1_000_000), token: z.number().int().min(0).max(10_000).optional() }),
  z.strictObject({ json: ZPointer }),
]);

export const ZBinding = z.object({
  /** Where in the step's inputs the upstream value goes. */
  input_path: ZPointer,
  from_step: ZStepKey,
  /** Where in that step's output the value is read. */
  output_path: ZPointer,
  /** When the value at output_path is text: which line, word or embedded JSON value is bound. */
  extract: ZExtract.optional(),
  /** The value seen when the automation was crystallized, also kept frozen in the inputs. */
  recorded_value: z.unknown().optional(),
});

export const ZParameterRef = z.object({ input_path: ZPointer, parameter: ZStepKey });

/**
 * A string input rendered at run time: text with `{{ … }}` holes, each a JSONata expression over
 * `{ params, steps, item, now }` (lib/templates). A hole in a SQL step's `sql` becomes a bound
 * query parameter, never spliced text.
 */
export const ZTemplate = z.object({
  input_path: ZPointer,
  template: z.string().min(1).max(100_000),
  /** The value seen when the automation was crystallized, also kept frozen in the inputs. */
  recorded_value: z.unknown().optional(),
  /** Set when the crystallizer proposed it: the step needs review, and the reviewer may freeze the recorded value back. */
  inferred: z.enum(["relative_date", "value", "pick"]).optional(),
});

/** A loop's default bound on items: a list longer than this fails the step instead of running away. */
export const DEFAULT_MAX_ITEMS = 1_000;
export const MAX_LOOP_ITEMS = 10_000;
export const MAX_LOOP_CONCURRENCY = 20;

/**
 * Runs the step once per item of a list: an upstream step's output (an array, or the lines of a
 * text), or a parameter's value. `bind` puts parts of the current item into the inputs, and
 * templates see it as `item`. The step's output is the list of per-item outputs.
 */
export const ZForEach = z.strictObject({
  items: z.union([
    z.strictObject({
      from_step: ZStepKey,
      output_path: ZPointer,
      /** The output at output_path is text: each non-empty line is an item. */
      lines: z.boolean().optional(),
      /** The output at output_path is text holding JSON: the list is at this pointer inside it. */
      json: ZPointer.optional(),
      /** How many items the list had when the automation was crystallized. */
      recorded_count: z.number().int().min(0).optional(),
    }),
    z.strictObject({ parameter: ZStepKey }),
  ]),
  as: z.literal("item").default("item"),
  /** `token`: the item (or its part at item_path) is a line of text; the input takes that word of it. */
  bind: z.array(z.strictObject({ input_path: ZPointer, item_path: ZPointer, token: z.number().int().min(0).max(1_000).optional() })).max(100).default([]),
  concurrency: z.number().int().min(1).max(MAX_LOOP_CONCURRENCY).default(1),
  max_items: z.number().int().min(1).max(MAX_LOOP_ITEMS).default(DEFAULT_MAX_ITEMS),
});

const ZTimeZone = z.string().max(64).refine((zone) => IANAZone.isValidZone(zone), "must be an IANA time zone such as Europe/Berlin");

export const ZProvenance = z.enum(["user_supplied", "tool_produced", "model_authored", "constant"]);

export const ZStep = z
  .object({
    key: ZStepKey,
    type: z.enum(["action", "approval_gate", "condition"]),
    name: z.string().max(200).optional(),
    /** For actions: a built-in kind or a tool name bound to a provider. */
    action_kind: z.string().min(1).max(200).optional(),
    inputs: z.record(z.string(), z.unknown()).default({}),
    depends_on: z.array(ZStepKey).default([]),
    bindings: z.array(ZBinding).default([]),
    parameter_refs: z.array(ZParameterRef).default([]),
    /** Applied after parameters and bindings: a template's value replaces the input at its path. */
    templates: z.array(ZTemplate).max(MAX_TEMPLATES_PER_STEP).optional(),
    /** For actions: run once per item of a list (see ZForEach). */
    for_each: ZForEach.optional(),
    /** For conditions: the steps each outcome leads to. */
    branches: z.object({ true: z.array(ZStepKey).default([]), false: z.array(ZStepKey).default([]) }).optional(),
    source: z
      .object({
        tool_call_id: z.string(),
        call_id: z.string().optional(),
        message_id: z.string().nullish(),
        retried_calls: z.array(z.string()).optional(),
        /** A loop crystallized from several calls: their ids, in order (tool_call_id is the first). */
        loop_calls: z.array(z.string()).max(MAX_LOOP_ITEMS).optional(),
        reason: z.string().optional(),
      })
      .optional(),
    provenance: z.record(z.string(), ZProvenance).optional(),
    nondeterministic: z.object({ reason: z.string(), inputs: z.array(ZPointer) }).optional(),
    reviewed: z.object({ by: z.string(), at: z.string(), inputs_hash: z.string().optional() }).optional(),
    /** Extra attempts after a failure, and the wait before each (doubled each time when exponential). */
    retry: z
      .object({
        max_retries: z.number().int().min(0).max(10).default(0),
        backoff_ms: z.number().int().min(0).max(300_000).default(1000),
        backoff: z.enum(["fixed", "exponential"]).default("exponential"),
      })
      .optional(),
    /** Per-attempt time limit; the run's default applies when absent. */
    timeout_ms: z.number().int().min(1).max(3_600_000).optional(),
    /** A failure after the last retry leaves the run going; downstream bindings then read null. */
    continue_on_error: z.boolean().optional(),
    /** For tools that are not built in: the provider that runs it; found by tool name when absent. */
    provider_id: z.string().max(100).optional(),
  })
  .superRefine((step, ctx) => {
    if (step.type === "action" && !step.action_kind)
      ctx.addIssue({ code: "custom", path: ["action_kind"], message: "is required for action steps" });
    if (step.type === "condition" && typeof step.inputs.expression !== "string")
      ctx.addIssue({ code: "custom", path: ["inputs", "expression"], message: "a condition needs a boolean expression" });
    if (step.type !== "action" && step.for_each)
      ctx.addIssue({ code: "custom", path: ["for_each"], message: "only action steps can loop" });
    if (step.type !== "condition" && step.branches)
      ctx.addIssue({ code: "custom", path: ["branches"], message: "only condition steps have branches" });
  })
  .meta({ id: "Step" });

/** Run input keys with a meaning of their own, so no parameter may take the name. */
export const RESERVED_INPUT_KEYS = ["now"] as const;

export const ZParameter = z.object({
  /** Not `now` (RESERVED_INPUT_KEYS): checked on save (validate-definition.ts), so a stored definition always loads. */
  name: ZStepKey,
  type: z.enum(["string", "number", "boolean", "json"]).default("json"),
  description: z.string().max(500).optional(),
  default: z.unknown().optional(),
  /** A run without a value for it (and no default) is refused. */
  required: z.boolean().optional(),
});

export const ZDefinition = z.object({
  /** One step per tool call of the crystallized source, so the same limit as a source's calls. */
  steps: z.array(ZStep).max(MAX_STEPS),
  parameters: z.array(ZParameter).default([]),
  /** The zone relative dates are counted in (UTC when absent): "start of this month" begins at midnight here. */
  time_zone: ZTimeZone.optional(),
  /** Derived on every save; what a client sends here is ignored. */
  metadata: z
    .object({ nondeterministic_steps: z.array(ZStepKey).default([]), unreviewed_steps: z.array(ZStepKey).default([]) })
    .default({ nondeterministic_steps: [], unreviewed_steps: [] }),
}).meta({ id: "Definition" });

export type TStep = z.output<typeof ZStep>;
export type TBinding = z.output<typeof ZBinding>;
export type TTemplate = z.output<typeof ZTemplate>;
export type TForEach = z.output<typeof ZForEach>;
export type TParameter = z.output<typeof ZParameter>;
export type TDefinition = z.output<typeof ZDefinition>;
export type TDefinitionInput = z.input<typeof ZDefinition>;

// ---------------------------------------------------------------------------
// Requests and responses
// ---------------------------------------------------------------------------

const ZName = z.string().trim().min(1).max(200);

export const ZCreateAutomation = z.object({
  name: ZName,
  description: z.string().max(5000).optional(),
  definition: ZDefinition.default({ steps: [], parameters: [], metadata: { nondeterministic_steps: [], unreviewed_steps: [] } }),
  message: z.string().max(1000).optional(),
});

export const ZUpdateAutomation = z
  .object({
    /** The version this edit was based on; required with `definition`. A stale one is a 409. */
    base_version: z.number().int().positive().optional(),
    name: ZName.optional(),
    description: z.string().max(5000).optional(),
    definition: ZDefinition.optional(),
    message: z.string().max(1000).optional(),
  })
  .refine((b) => !b.definition || b.base_version !== undefined, { message: "is required when the definition changes", path: ["base_version"] })
  .refine((b) => b.name !== undefined || b.description !== undefined || b.definition !== undefined, { message: "nothing to change: send name, description or definition" });

export const ZRestoreVersion = z
  .object({ base_version: z.number().int().positive().optional(), message: z.string().max(1000).optional() })
  .default({});

export const ZCrystallizeBody = z
  .object({
    name: ZName.optional(),
    description: z.string().max(5000).optional(),
    options: z
      .object({
        ordering: z.enum(["dataflow", "sequential"]).default("dataflow"),
        /** Calls whose result reads as a failure but that did succeed: the rule misfired. Tool call ids (tc_…) or the framework's call ids. */
        treat_as_succeeded: z.array(z.string().min(1).max(200)).max(10_000).optional(),
        /** The automation's zone, which relative dates are counted in (UTC when absent). */
        time_zone: ZTimeZone.optional(),
      })
      .default({ ordering: "dataflow" }),
    /** An automation of the same task: the run becomes its next version, differing inputs become parameters. */
    into: z.string().min(1).max(200).optional(),
  })
  .default({ options: { ordering: "dataflow" } });

export const ZAutomationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  source_type: z.enum(["MANUAL", "CRYSTALLIZED"]).optional(),
  status: z.enum(["draft", "active", "paused"]).optional(),
  q: z.string().max(200).optional(),
});

export const ZAutomationSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  source_type: z.enum(["MANUAL", "CRYSTALLIZED"]),
  status: z.enum(["draft", "active", "paused"]),
  /** The draft head: the newest version, which saves and restores make. */
  version: z.number(),
  /** The version triggers run; null until first published. Saving never moves it. */
  live_version: z.number().nullable(),
  source: z.object({ type: z.enum(["agent_run", "chat_thread"]), id: z.string() }).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: "AutomationSummary" });

export const ZAutomation = ZAutomationSummary.extend({
  definition: ZDefinition,
  content_hash: z.string(),
  /**
   * Who reviewed the steps, keyed by their `reviewed.by` label (`user:<id>`, `key:<id>`): the
   * member's name (else email) or the API key's name. A label the workspace no longer knows (a
   * member who left, a deleted key) is absent.
   */
  reviewer_names: z.record(z.string(), z.string()),
}).meta({ id: "Automation" });

export const ZVersionSummary = z.object({
  id: z.string(),
  automation_id: z.string(),
  version: z.number(),
  content_hash: z.string(),
  message: z.string(),
  /** Who saved it, as an actor label: `user:<id>`, `key:<id>` or `system`. */
  author: z.string(),
  /** The author by name: the user's name (else email), the API key's name, or `system`; "former member" / "deleted API key" once gone. */
  author_name: z.string(),
  restored_from: z.number().nullable(),
  created_at: z.string(),
}).meta({ id: "VersionSummary" });
export const ZVersion = ZVersionSummary.extend({ definition: ZDefinition }).meta({ id: "Version" });

export type TCreateAutomation = z.output<typeof ZCreateAutomation>;
export type TUpdateAutomation = z.output<typeof ZUpdateAutomation>;
export type AutomationSummary = z.output<typeof ZAutomationSummary>;
export type Automation = z.output<typeof ZAutomation>;
export type VersionSummary = z.output<typeof ZVersionSummary>;
export type Version = z.output<typeof ZVersion>;

export const ZActivateBody = z.object({ force: z.boolean().default(false) }).default({ force: false });
export const ZPublishBody = z
  .object({
    /** The draft head the caller reviewed: publishing refuses (409) when a newer version was saved since. */
    base_version: z.number().int().min(1).optional(),
    /** Publish despite unreviewed flags (never despite unbound tools or invalid inputs). */
    force: z.boolean().default(false),
  })
  .default({ force: false });
