// A step's inputs as an approver reads them: "issue_refund: amount 89, payment pay_9Kx4Tn".
// Keys lose their underscores and an "_id" ending, since the value already reads as an id.

const MAX_VALUE_CHARS = 80;
const MAX_ENTRIES = 8;

export type Unresolved = { input_path: string; reason: string };

const label = (key: string) => key.replace(/_id$/i, "").replace(/[_-]+/g, " ").trim() || key;

function clip(text: string) {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** One value in words: text as it is, a list by its length, an object as short JSON. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (typeof value === "string") return value === "" ? "empty" : clip(value.replace(/\s+/g, " "));
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${value.length}`;
  return clip(JSON.stringify(value));
}

/** The known inputs in words ("amount 89", "payment pay_9Kx4Tn"): those not yet known are left out. */
export function describeKnownInputs(inputs: Record<string, unknown>, unresolved: readonly Unresolved[]): string[] {
  const unknownTop = new Set(unresolved.map((u) => u.input_path.split("/")[1] ?? ""));
  const known = Object.entries(inputs).filter(([k]) => !unknownTop.has(k));
  const parts = known.slice(0, MAX_ENTRIES).map(([k, v]) => `${label(k)} ${describeValue(v)}`);
  if (known.length > MAX_ENTRIES) parts.push(`and ${known.length - MAX_ENTRIES} more`);
  return parts;
}

/** "approved by: not known until approve_refund is decided". */
export const describeUnresolved = (u: Unresolved) => `${label(u.input_path.split("/").filter(Boolean).join(".") || "inputs")}: ${u.reason}`;

/**
 * The sentence for one step. Inputs still unknown are said last, each with its reason, so an
 * approver never mistakes a placeholder for the value that will be sent.
 */
export function describeInputs(s: { stepKey: string; inputs: Record<string, unknown>; unresolved: readonly Unresolved[]; loop?: string | null }): string {
  const body = [...describeKnownInputs(s.inputs, s.unresolved), ...s.unresolved.map(describeUnresolved)].join(", ") || "no inputs";
  return `${s.stepKey}: ${body}${s.loop ? ` (${s.loop})` : ""}`;
}
