// Heuristics for where a frozen value came from. They err towards flagging: a false "model
// authored" costs a review click; a missed one runs invented SQL unreviewed.

/** Text form of a leaf for matching against what the user said; null for values never matched. */
export function leafText(value: unknown): string | null {
  if (typeof value === "string") return value.length >= 3 && !PLAIN_WORD.test(value) ? value : null;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** A lone lowercase word ("revenue", "orders") is a label or an enum value, not data. */
const PLAIN_WORD = /^[a-z]+$/;

/**
 * Whether a leaf is distinctive enough that equality with an earlier result means data flowed.
 * Short words ("paid", "USD") and small numbers match by chance too often to be bindings.
 */
export function isBindableLeaf(value: unknown): boolean {
  if (typeof value === "string") return !PLAIN_WORD.test(value) && (value.length >= 6 || (value.length >= 3 && /\d/.test(value)));
  if (typeof value === "number") return Number.isFinite(value) && (!Number.isInteger(value) || Math.abs(value) >= 100);
  return false;
}

const CODE_KEYS = /(^|_)(sql|query|code|script|expression|template|jsonata|regex|formula)$/i;
const PROSE_KEYS = /(^|_)(body|message|content|text|prompt|html|markdown|description|summary|email|comment|note|instructions)$/i;
const LOOKS_LIKE_SQL = /^\s*(select|with|insert|update|delete|create|alter|drop|merge|copy)\b[\s\S]*\b(from|into|table|set|as)\b/i;

export type Provenance = "user_supplied" | "tool_produced" | "model_authored" | "constant";

/** Classifies a leaf that is not tool-produced. */
export function classifyLeaf(path: string, value: unknown, userSaidBefore: boolean): Provenance {
  if (typeof value !== "string") return userSaidBefore && typeof value === "number" ? "user_supplied" : "constant";
  if (userSaidBefore) return "user_supplied";
  const key = path.slice(path.lastIndexOf("/") + 1);
  if (LOOKS_LIKE_SQL.test(value)) return "model_authored";
  if (CODE_KEYS.test(key) && value.trim().length >= 8) return "model_authored";
  if (value.includes("\n")) return "model_authored";
  if (PROSE_KEYS.test(key) && value.length >= 40) return "model_authored";
  if (value.length >= 120 && /\s/.test(value)) return "model_authored";
  return "constant";
}
