import { isPlainObject } from "../crystallize/json";
import { importError, type Item } from "./types";

const MESSAGE_KEYS = ["messages", "transcript", "conversation", "history", "items"];

/**
 * A transcript arrives as a JSON array, an object holding the messages (e.g. a whole request body
 * with `model` and `messages`), or JSONL text. Returns the items, each with the place to name in
 * errors, plus a top-level system prompt when the container has one (Anthropic's `system`).
 */
export function readContainer(transcript: unknown): { items: Item[]; system?: string } {
  if (typeof transcript === "string") return readText(transcript);
  if (Array.isArray(transcript)) return { items: transcript.map((value, i) => ({ value, where: `transcript[${i}]` })) };
  if (isPlainObject(transcript)) {
    const key = MESSAGE_KEYS.find((k) => Array.isArray(transcript[k]));
    if (!key) throw importError("transcript", `expected an array of messages, or an object with a "messages" array`);
    const list = transcript[key] as unknown[];
    return {
      items: list.map((value, i) => ({ value, where: `transcript.${key}[${i}]` })),
      system: systemText(transcript.system),
    };
  }
  throw importError("transcript", "expected a JSON array, an object holding the messages, or JSONL text");
}

function readText(text: string): { items: Item[]; system?: string } {
  const trimmed = text.trim();
  if (trimmed === "") throw importError("transcript", "is empty");
  if (trimmed.startsWith("[")) {
    try {
      return readContainer(JSON.parse(trimmed));
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      throw importError("transcript", `is not valid JSON: ${err.message}`);
    }
  }
  // One JSON value per line. A single-line object that holds a message list is a container.
  const lines = text.split(/\r?\n/);
  const items: Item[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      items.push({ value: JSON.parse(line), where: `transcript line ${i + 1}` });
    } catch (err) {
      throw importError(`transcript line ${i + 1}`, `is not valid JSON (${(err as Error).message})`);
    }
  });
  if (items.length === 1 && isPlainObject(items[0]!.value) && MESSAGE_KEYS.some((k) => Array.isArray((items[0]!.value as Record<string, unknown>)[k])))
    return readContainer(items[0]!.value);
  return { items };
}

function systemText(system: unknown): string | undefined {
  if (typeof system === "string") return system;
  if (Array.isArray(system))
    return system.map((b) => (isPlainObject(b) && typeof b.text === "string" ? b.text : "")).join("\n") || undefined;
  return undefined;
}
