import { isPlainObject, parseJsonWithin } from "../json";

// Many tools report a failure inside a successful result instead of at the protocol level: text
// that starts "Error: …", or JSON with a non-empty `error`. A call like that did not do its work,
// so the crystallizer treats it exactly like a failed call (collapsed into its retry, or dropped).
// The rules look only at the start of text and at top-level fields: a result that merely
// mentions an error ("No errors found in 3 files") is a success.

const FAILURE_TEXT =
  /^(error(:|\s+\d|\s+(executing|calling|running|while|occurred|in|from|during|processing|fetching|reading|writing)\b|\s*$)|exception(:|\s+(occurred|in|while|during|thrown|raised)\b)|traceback \(most recent call last\)|fatal:|[a-z_.]*(error|exception):)/i;
/** "error: null" and the like, as a YAML or log line, say there was none. */
const NO_ERROR_LINE = /^[a-z_.]*(error|exception)s?:\s*(null|none|nil|false|0|~|\[\]|\{\}|""|'')?\s*$/i;
const ERROR_FIELDS = ["error", "errors", "exception"] as const;
const STATUS_FIELDS = ["status", "status_code", "statusCode", "http_status"] as const;

/** Why a call that reported success failed, by the rules above; null when it succeeded. */
export function inBandFailure(result: unknown): string | null {
  if (typeof result === "string") {
    const text = result.trimStart();
    if (/^[[{]/.test(text)) {
      const json = parseJsonWithin(text.trim());
      if (json !== undefined) return inBandFailure(json);
    }
    return FAILURE_TEXT.test(text) && !NO_ERROR_LINE.test(firstLine(text)) ? firstLine(text) : null;
  }
  if (!isPlainObject(result)) return null;
  if (result.isError === true || result.is_error === true) return `the result is marked as an error${describe(result.content)}`;
  for (const field of ERROR_FIELDS) {
    const value = result[field];
    if (isNonEmpty(value)) return `the result's ${field} field is set${describe(value)}`;
  }
  for (const field of STATUS_FIELDS) {
    const value = result[field];
    const code = typeof value === "number" ? value : typeof value === "string" && /^\d{3}$/.test(value) ? Number(value) : NaN;
    if (code >= 400 && code <= 599) return `the result's ${field} is ${code}`;
  }
  return null;
}

/** Whether an error field says there was one. A number is a count or a code: 0 errors is none, and a bare number is not proof. */
function isNonEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || typeof value === "number") return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

function describe(value: unknown): string {
  const text = typeof value === "string" ? value : Array.isArray(value) ? value.map((v) => (isPlainObject(v) && typeof v.text === "string" ? v.text : typeof v === "string" ? v : "")).join(" ") : isPlainObject(value) && typeof value.message === "string" ? value.message : "";
  const line = firstLine(text.trim());
  return line ? `: ${line}` : "";
}

function firstLine(text: string) {
  const line = text.split("\n", 1)[0]!.trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
