import { z } from "zod";

// The one registry of action kinds. The crystallizer reads `readOnly` and `deterministic` from it;
// the engine adds executors and the editor reads the input schemas, so a new kind is one entry.

export type ActionKindSpec = {
  label: string;
  description: string;
  inputs: z.ZodType;
  /** Has no side effects, so it may run in parallel with, or be reordered among, other reads. */
  readOnly: boolean | ((inputs: Record<string, unknown>) => boolean);
  /** Gives the same output for the same inputs and data; false flags the step for review. */
  deterministic: boolean;
  nondeterministicReason?: string;
};

const ZHttpMethod = z.enum(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const ACTION_KINDS = {
  generate_query: {
    label: "Generate query",
    description: "Runs SQL that a model wrote against a data source.",
    inputs: z.object({ sql: z.string().min(1), data_source: z.string().optional() }).loose(),
    readOnly: true,
    deterministic: false,
    nondeterministicReason: "generate_query runs SQL a model wrote",
  },
  run_sql: {
    label: "Run SQL",
    description: "Runs fixed SQL against a data source in a read-only transaction.",
    inputs: z.object({ sql: z.string().min(1), data_source: z.string().optional() }).loose(),
    readOnly: true,
    deterministic: true,
  },
  create_flashboard: {
    label: "Create flashboard",
    description: "Creates or updates a dashboard of charts and tables.",
    inputs: z.object({ title: z.string().min(1) }).loose(),
    readOnly: false,
    deterministic: true,
  },
  http_request: {
    label: "HTTP request",
    description: "Sends an HTTP request and captures the response.",
    inputs: z
      .object({ method: ZHttpMethod.default("GET"), url: z.url(), headers: z.record(z.string(), z.string()).optional(), body: z.unknown().optional() })
      .loose(),
    readOnly: (inputs) => READ_METHODS.has(String(inputs.method ?? "GET").toUpperCase()),
    deterministic: true,
  },
  transform: {
    label: "Transform",
    description: "Reshapes data with a JSONata expression.",
    inputs: z.object({ expression: z.string().min(1), data: z.unknown().optional() }).loose(),
    readOnly: true,
    deterministic: true,
  },
  notify: {
    label: "Notify",
    description: "Posts a message to a Slack-compatible webhook.",
    inputs: z.object({ webhook_url: z.url().optional(), channel: z.string().optional(), message: z.string().min(1) }).loose(),
    readOnly: false,
    deterministic: true,
  },
  llm: {
    label: "LLM",
    description: "An OpenAI-compatible chat completion.",
    inputs: z.object({ prompt: z.string().optional(), messages: z.array(z.unknown()).optional(), model: z.string().optional() }).loose(),
    readOnly: true,
    deterministic: false,
    nondeterministicReason: "llm output differs from run to run",
  },
  approval_gate: {
    label: "Approval gate",
    description: "Waits for a person to approve or reject.",
    inputs: z
      .object({
        message: z.string().default("Approve to continue"),
        timeout_seconds: z.number().int().positive().optional(),
        on_timeout: z.enum(["reject", "continue"]).default("reject"),
        /** fail: the run fails; end: the run stops, canceled, with nothing after the gate run. */
        on_reject: z.enum(["fail", "end"]).default("fail"),
      })
      .loose(),
    readOnly: true,
    deterministic: true,
  },
  condition: {
    label: "Condition",
    description: "Evaluates a boolean expression and takes the true or false branch.",
    inputs: z.object({ expression: z.string().min(1) }).loose(),
    readOnly: true,
    deterministic: true,
  },
} satisfies Record<string, ActionKindSpec>;

export type BuiltinActionKind = keyof typeof ACTION_KINDS;

/** Whether a kind is built in (not a provider's tool), narrowing it for the registries typed by kind. */
export const isBuiltinKind = (kind: string | undefined): kind is BuiltinActionKind => kind !== undefined && Object.hasOwn(ACTION_KINDS, kind);

export function getActionKind(kind: string): ActionKindSpec | undefined {
  return isBuiltinKind(kind) ? ACTION_KINDS[kind] : undefined;
}

const READ_VERBS = /^(get|list|ls|search|read|fetch|query|find|glob|grep|lookup|look_up|describe|count|show|view|select|check|retrieve|browse|inspect|preview|load|web_?search|web_?fetch)(_|-|[A-Z]|$)/i;

/**
 * Tools an agent calls to think out loud or do arithmetic: no side effect, and nothing a later
 * call needs from them. The crystallizer keeps them as steps, since the run made them, but they
 * never order, gate or feed another step.
 */
const PSEUDO_TOOLS = /^(think|thinking|thought|reflect|reasoning|scratchpad|calculate|calculator|calc|todo_?write|todo_?read)$/i;

/** The tool's own name without its server's namespace: `mcp__github__get_issue` → `get_issue`. */
const NAMESPACED = /__|[./:]/;
const bareName = (toolName: string) =>
  NAMESPACED.test(toolName) ? toolName.replace(/^mcp__[^_]+(?:_[^_]+)*?__/, "").replace(/^[\w-]+[./:]/, "") : toolName;

/** Whether a step calls a tool no built-in kind provides, so a tool provider must offer it. */
export const needsProvider = (step: { type: string; action_kind?: string }) => step.type === "action" && !!step.action_kind && !getActionKind(step.action_kind);

export const isPseudoTool = (toolName: string) => PSEUDO_TOOLS.test(bareName(toolName));

/**
 * Whether a call has no side effects: the registered kind decides; otherwise pseudo-tools, the
 * tool name's verb or an HTTP method argument. Unknown tools count as side-effecting.
 */
export function isReadOnlyCall(toolName: string, args: Record<string, unknown>): boolean {
  const spec = getActionKind(toolName);
  if (spec) return typeof spec.readOnly === "function" ? spec.readOnly(args) : spec.readOnly;
  if (isPseudoTool(toolName)) return true;
  if (typeof args.method === "string") return READ_METHODS.has(args.method.toUpperCase());
  return READ_VERBS.test(bareName(toolName));
}
