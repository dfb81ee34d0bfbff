import { applyExtract, nonEmptyLines } from "./extract";
import { describeLoopItems } from "./describe-loop-items";
import type { TForEach } from "./schemas";
import { getAtPointer } from "../json";

/** A loop's items read from an upstream output (not a parameter). */
export type TLoopList = Extract<TForEach["items"], { from_step: string }>;

export const kindOf = (v: unknown) =>
  v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : typeof v === "string" ? "text" : `a ${typeof v}`;

/**
 * The list `items` names in a step's output: at output_path, inside the JSON text there with
 * `json`, its non-empty lines with `lines`. The engine reads a run's lists with it, the
 * crystallizer a recorded result's, so both count the same items. A shape that does not hold is
 * a problem naming the source.
 */
export function readLoopList(output: unknown, items: TLoopList): { list: unknown[] } | { problem: string } {
  let value = getAtPointer(output, items.output_path);
  if (value === undefined) return { problem: `${items.from_step}'s output has no ${items.output_path || "value"}` };
  if (items.json !== undefined) {
    const cut = applyExtract(value, { json: items.json });
    if ("problem" in cut) return { problem: `${items.from_step}${items.output_path || " output"} ${cut.problem}` };
    value = cut.value;
  }
  if (items.lines) {
    if (typeof value !== "string") return { problem: `${describeLoopItems(items)} is not text (got ${kindOf(value)}), so it has no lines` };
    value = nonEmptyLines(value);
  }
  return Array.isArray(value) ? { list: value } : { problem: `${describeLoopItems(items)} is not a list (got ${kindOf(value)})` };
}
