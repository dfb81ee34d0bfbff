import { isPlainObject, MAX_JSON_DEPTH, tooDeep } from "../json";
import { toolMessageResult } from "../sources/build-rows";
import { importError } from "./types";

// Conversions every importer needs: vendors disagree on how arguments, results and times are written.

/** Tool arguments as an object. Vendors send an object or a JSON string of one. */
export function parseArguments(raw: unknown, where: string): Record<string, unknown> {
  if (isPlainObject(raw)) return raw;
  if (raw === undefined || raw === null || raw === "") return {};
  if (typeof raw !== "string") throw importError(where, "expected an object or a JSON string of one");
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw importError(where, `is not valid JSON (${(err as Error).message})`);
  }
  if (!isPlainObject(parsed)) throw importError(where, "must encode a JSON object");
  if (tooDeep(parsed)) throw importError(where, `is nested deeper than ${MAX_JSON_DEPTH} levels`);
  return parsed;
}

/**
 * Arguments from formats where a tool may take a bare value (a string, a list): an object stays
 * as it is, anything else becomes `{ input: value }` so it can still be a step input.
 */
export function looseArguments(raw: unknown, where: string): Record<string, unknown> {
  if (isPlainObject(raw)) return raw;
  if (raw === undefined || raw === null || raw === "") return {};
  if (typeof raw === "string") {
    const parsed = resultValue(raw);
    if (typeof parsed !== "string" && tooDeep(parsed)) throw importError(where, `is nested deeper than ${MAX_JSON_DEPTH} levels`);
    return isPlainObject(parsed) ? parsed : { input: parsed };
  }
  return { input: raw };
}

/**
 * A tool result: JSON text becomes the value it encodes; anything else is kept as it is (also JSON
 * nested too deep to walk, which stays text).
 */
export const resultValue = (raw: unknown): unknown => (typeof raw === "string" ? toolMessageResult(raw) : raw);

/**
 * An ISO timestamp with an offset, from ISO text (with or without a zone: vendors that leave it
 * out mean UTC), epoch seconds, milliseconds or nanoseconds. Unreadable times are left out.
 */
export function isoTime(raw: unknown): string | undefined {
  let ms: number;
  if (typeof raw === "number" && Number.isFinite(raw)) ms = raw > 1e17 ? raw / 1e6 : raw > 1e11 ? raw : raw * 1000;
  else if (typeof raw === "string" && raw.trim() !== "") {
    const s = raw.trim();
    if (/^\d+$/.test(s)) return isoTime(Number(s.length > 15 ? BigInt(s) / 1_000_000n : BigInt(s)));
    ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
  } else return undefined;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** Plain text of a vendor content value: a string, or the text of its parts. */
export function partsText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((p) => (typeof p === "string" ? p : isPlainObject(p) ? (typeof p.text === "string" ? p.text : typeof p.content === "string" ? p.content : "") : ""))
    .filter(Boolean)
    .join("\n");
}

export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** A required non-empty string field, or a 422 naming it. */
export function needString(obj: Record<string, unknown>, key: string, where: string): string {
  const v = obj[key];
  if (typeof v !== "string" || v === "") throw importError(`${where}.${key}`, "expected a non-empty string");
  return v;
}
