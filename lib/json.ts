// Small JSON helpers shared by the crystallizer and the automation validator.
import { sortSmall } from "./sort-small";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The deepest JSON nesting accepted anywhere: in a request body, and in JSON text inside it (tool
 * arguments and results sent as strings). Every recursive walk over stored values stays far from
 * the stack limit below it.
 */
export const MAX_JSON_DEPTH = 100;

/** Depth of a JSON value, computed without recursion; stops counting once past MAX_JSON_DEPTH. */
export function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d > max) max = d;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

export const tooDeep = (value: unknown) => jsonDepth(value) > MAX_JSON_DEPTH;

/** JSON text read as its value when it parses and is not too deep to walk; otherwise undefined. */
export function parseJsonWithin(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return tooDeep(value) ? undefined : value;
}

/**
 * Text that holds a JSON object or array, read as that value; any other text (or JSON too deep
 * to walk) stays the text. How results recorded or answered as text are read as data.
 */
export function readJsonText(text: string): unknown {
  const t = text.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return text;
  const value = parseJsonWithin(t);
  return value === undefined ? text : value;
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** An object's keys in the order `Object.keys(value).sort()` gives, without its allocation (sortSmall). */
export const sortedKeys = (value: object): string[] => sortSmall(Object.keys(value), (a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** JSON with object keys sorted, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = sortedKeys(value);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
}

/** RFC 6901 JSON Pointer segment escaping. */
export const pointerSegment = (key: string | number) => {
  const text = String(key);
  // Nearly every key needs no escape: skip the two replacements for those.
  return text.includes("~") || text.includes("/") ? text.replace(/~/g, "~0").replace(/\//g, "~1") : text;
};
export const joinPointer = (base: string, key: string | number) => `${base}/${pointerSegment(key)}`;

export function parsePointer(pointer: string): string[] | null {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return null;
  const segments = pointer.slice(1).split("/");
  if (!pointer.includes("~")) return segments;
  return segments.map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The value at `pointer`, or `undefined` when the path does not exist. */
export function getAtPointer(value: unknown, pointer: string): unknown {
  const segments = parsePointer(pointer);
  if (!segments) return undefined;
  let current: unknown = value;
  for (const seg of segments) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(seg)) return undefined;
      current = current[Number(seg)];
    } else if (isPlainObject(current) && Object.hasOwn(current, seg)) {
      current = current[seg];
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * A copy of `target` with `value` at `pointer`; missing objects on the way are created. Returns
 * undefined when the path runs through a value that is not a container.
 */
export function setAtPointer(target: unknown, pointer: string, value: unknown): unknown {
  const segments = parsePointer(pointer);
  if (!segments) return undefined;
  const put = (current: unknown, i: number): unknown => {
    if (i === segments.length) return value;
    const seg = segments[i]!;
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(seg)) return undefined;
      const child = put(current[Number(seg)], i + 1);
      if (child === undefined) return undefined;
      const copy = [...current];
      copy[Number(seg)] = child;
      return copy;
    }
    if (current !== undefined && !isPlainObject(current)) return undefined;
    const obj = current ?? {};
    const child = put(Object.hasOwn(obj, seg) ? obj[seg] : undefined, i + 1);
    return child === undefined ? undefined : { ...obj, [seg]: child };
  };
  return put(target, 0);
}
