import { getAtPointer, parseJsonWithin } from "../json";

/**
 * How a binding cuts its value out of a text output: a whole line, one whitespace-delimited
 * token of a line, or a JSON Pointer into JSON held in the text. Search, glob and list tools
 * return plain text, one path or id per line, and the next call uses one of those lines.
 * Lines count from 0, empty ones included, and are read trimmed.
 *
 * No regular expressions: a definition is anyone's to edit, and a pattern that backtracks
 * catastrophically would hold the engine's thread. Lines, tokens and JSON cover what tools return.
 */
export type Extract = { line: number; token?: number } | { json: string };

export const textLines = (text: string) => text.split(/\r?\n/);
/** The non-empty lines of a text, trimmed: a list tool's one-id-per-line answer as a loop's items. */
export const nonEmptyLines = (text: string) => textLines(text).map((l) => l.trim()).filter((l) => l !== "");
export const lineTokens = (line: string) => line.trim().split(/\s+/).filter(Boolean);

/** The value `extract` cuts out of `value`, or an explanation of why the shape no longer holds. */
export function applyExtract(value: unknown, extract: Extract): { value: unknown } | { problem: string } {
  if (typeof value !== "string") return { problem: "is not text" };
  if ("json" in extract) {
    const parsed = parseJsonWithin(value.trim());
    if (parsed === undefined) return { problem: "is not JSON text" };
    const inner = getAtPointer(parsed, extract.json);
    return inner === undefined ? { problem: `holds JSON without ${extract.json || "a value"}` } : { value: inner };
  }
  const lines = textLines(value);
  const line = lines[extract.line]?.trim();
  // A final newline ends the last line; it starts no line of its own.
  const count = lines.length > 1 && lines.at(-1) === "" ? lines.length - 1 : lines.length;
  if (line === undefined || line === "") return { problem: `has no line ${extract.line + 1} (it has ${count} line${count === 1 ? "" : "s"})` };
  if (extract.token === undefined) return { value: line };
  const tokens = lineTokens(line);
  const token = tokens[extract.token];
  return token === undefined ? { problem: `has no word ${extract.token + 1} on line ${extract.line + 1}` } : { value: token };
}

/** "line 3, word 2 of", for messages and the editor. */
export function describeExtract(extract: Extract): string {
  if ("json" in extract) return `${extract.json || "the JSON"} inside`;
  return extract.token === undefined ? `line ${extract.line + 1} of` : `word ${extract.token + 1} of line ${extract.line + 1} of`;
}

/** "line 2", "line 2, word 1", "JSON /id": the compact form for canvas edge labels. */
export function shortExtract(extract: Extract): string {
  if ("json" in extract) return `JSON ${extract.json || "/"}`;
  return extract.token === undefined ? `line ${extract.line + 1}` : `line ${extract.line + 1}, word ${extract.token + 1}`;
}
