import { isPlainObject, MAX_JSON_DEPTH, tooDeep } from "../json";
import { importError, type Doc, type Item } from "./types";

const MESSAGE_KEYS = ["messages", "transcript", "conversation", "history", "items"];

/**
 * An upload arrives as JSON (already parsed by the API, or as text from a file) or as JSON lines.
 * Text that is one JSON value is read as that value; otherwise each non-empty line is a record, and
 * a bad line is named by its number.
 */
export function readDocument(transcript: unknown): Doc {
  if (typeof transcript !== "string") return { kind: "json", value: transcript };
  const trimmed = transcript.trim();
  if (trimmed === "") throw importError("transcript", "is empty");
  if (trimmed.startsWith("[") || (trimmed.startsWith("{") && !/}\s*\r?\n\s*{/.test(trimmed))) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      if (trimmed.startsWith("[")) throw importError("transcript", `is not valid JSON (${(err as Error).message})`);
    }
    if (value !== undefined) return { kind: "json", value: shallow(value, "transcript") };
  }
  const items: Item[] = [];
  transcript.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `transcript line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw importError(where, `is not valid JSON (${(err as Error).message})`);
    }
    items.push({ value: shallow(value, where), where });
  });
  return { kind: "lines", items };
}

/** The same depth limit as a JSON request body, so no walk over the records can overflow. */
function shallow(value: unknown, where: string): unknown {
  if (tooDeep(value)) throw importError(where, `is nested deeper than ${MAX_JSON_DEPTH} levels`);
  return value;
}

/** The records of a document: its lines, the elements of a top-level array, or the array under `key`. */
export function records(doc: Doc, keys: string[] = []): Item[] | null {
  if (doc.kind === "lines") return doc.items;
  const { value } = doc;
  if (Array.isArray(value)) return value.map((v, i) => ({ value: v, where: `transcript[${i}]` }));
  if (isPlainObject(value)) {
    const key = keys.find((k) => Array.isArray(value[k]));
    if (key) return (value[key] as unknown[]).map((v, i) => ({ value: v, where: `transcript.${key}[${i}]` }));
  }
  return null;
}

/**
 * Message-list formats: a JSON array, an object holding the messages (e.g. a whole request body
 * with `model` and `messages`), or JSONL. Also returns a top-level system prompt (Anthropic's `system`).
 */
export function messageItems(doc: Doc): { items: Item[]; system?: string } {
  const only = doc.kind === "lines" && doc.items.length === 1 ? doc.items[0]!.value : undefined;
  if (isPlainObject(only) && MESSAGE_KEYS.some((k) => Array.isArray(only[k]))) return messageItems({ kind: "json", value: only });
  const items = records(doc, MESSAGE_KEYS);
  if (!items) throw importError("transcript", `expected an array of messages, or an object with a "messages" array`);
  const system = doc.kind === "json" && isPlainObject(doc.value) ? systemText(doc.value.system) : undefined;
  return { items, system };
}

function systemText(system: unknown): string | undefined {
  if (typeof system === "string") return system;
  if (Array.isArray(system))
    return system.map((b) => (isPlainObject(b) && typeof b.text === "string" ? b.text : "")).join("\n") || undefined;
  return undefined;
}
