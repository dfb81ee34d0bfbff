import { z } from "zod";
import { ACTION_KINDS, type BuiltinActionKind, getActionKind } from "../actions/registry";

// The form the side panel draws for a step's inputs, derived from its action kind's zod schema,
// so a new kind gets a form without UI work.

export type Field = {
  name: string;
  type: "string" | "text" | "number" | "boolean" | "enum" | "json";
  required: boolean;
  options?: string[];
  description?: string;
};

const MULTILINE = new Set(["sql", "expression", "message", "prompt", "body"]);

type JsonSchema = { type?: string | string[]; enum?: unknown[]; description?: string; properties?: Record<string, JsonSchema>; required?: string[] };

const cache = new Map<string, Field[]>();

export function fieldsFor(kind: string | undefined, inputs: Record<string, unknown>): Field[] {
  const spec = kind ? getActionKind(kind) : undefined;
  let fields = kind ? cache.get(kind) : undefined;
  if (!fields) {
    fields = [];
    if (spec) {
      const schema = z.toJSONSchema(spec.inputs, { io: "input", unrepresentable: "any" }) as JsonSchema;
      for (const [name, p] of Object.entries(schema.properties ?? {})) fields.push(fieldOf(name, p, schema.required?.includes(name) ?? false));
    }
    if (kind && spec) cache.set(kind, fields);
  }
  // Keys the schema does not name (tools from providers, extra inputs) still get a field.
  const named = new Set(fields.map((f) => f.name));
  const extra = Object.entries(inputs)
    .filter(([k]) => !named.has(k))
    .map(([name, v]): Field => ({ name, required: false, type: typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : typeof v === "string" ? (v.length > 60 || MULTILINE.has(name) ? "text" : "string") : "json" }));
  return [...fields, ...extra];
}

function fieldOf(name: string, p: JsonSchema, required: boolean): Field {
  const type = Array.isArray(p.type) ? p.type.find((t) => t !== "null") : p.type;
  const base = { name, required, description: p.description };
  if (p.enum) return { ...base, type: "enum", options: p.enum.map(String) };
  if (type === "string") return { ...base, type: MULTILINE.has(name) ? "text" : "string" };
  if (type === "number" || type === "integer") return { ...base, type: "number" };
  if (type === "boolean") return { ...base, type: "boolean" };
  return { ...base, type: "json" };
}

/** Problems with a step's inputs under its kind's schema, as readable lines. */
export function inputProblems(kind: string | undefined, inputs: unknown): string[] {
  const spec = kind ? getActionKind(kind) : undefined;
  if (!spec) return inputs && typeof inputs === "object" && !Array.isArray(inputs) ? [] : ["inputs must be a JSON object"];
  const out = spec.inputs.safeParse(inputs);
  return out.success ? [] : out.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "inputs"}: ${i.message}`);
}

/** Starting inputs for a step added from the palette: valid where a sensible default exists. */
/** Typed by kind: a kind added to the registry without starter inputs does not compile. */
export const STARTER_INPUTS: Record<BuiltinActionKind, Record<string, unknown>> = {
  run_sql: { sql: "select 1 as one" },
  generate_query: { sql: "select 1 as one" },
  create_flashboard: { title: "New dashboard", charts: [], tables: [] },
  http_request: { method: "GET", url: "https://example.com" },
  transform: { expression: "$", data: null },
  notify: { message: "Automation finished" },
  llm: { prompt: "Summarise the input" },
  approval_gate: { message: "Approve to continue" },
  condition: { expression: "true" },
};

export const BUILTIN_KINDS = Object.entries(ACTION_KINDS)
  .filter(([k]) => k !== "approval_gate" && k !== "condition")
  .map(([kind, spec]) => ({ kind, label: spec.label, description: spec.description }));
