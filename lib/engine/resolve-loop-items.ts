import type { TStep } from "../automations/schemas";
import { lineTokens } from "../automations/extract";
import { kindOf, readLoopList } from "../automations/read-loop-list";
import { getAtPointer, setAtPointer } from "../json";
import { BindingError, type StepState } from "./plan";
import { describeLoopItems } from "../automations/describe-loop-items";

/**
 * The list a looping step runs over, read from an upstream output or a parameter. Not a list, or
 * longer than max_items, is a BindingError naming the source: the step fails, rather than
 * looping over a string's characters or a runaway list.
 */
export function resolveLoopItems(step: TStep, states: ReadonlyMap<string, StepState>, params: Record<string, unknown>): unknown[] {
  const loop = step.for_each!;
  const from = describeLoopItems(loop.items);
  let value: unknown;
  if ("parameter" in loop.items) {
    value = params[loop.items.parameter];
    if (value === undefined) throw new BindingError(`for_each: parameter "${loop.items.parameter}" has no value in this run`);
    if (!Array.isArray(value)) throw new BindingError(`for_each: ${from} is not a list (got ${kindOf(value)})`);
  } else {
    const upstream = states.get(loop.items.from_step);
    if (upstream?.status === "skipped" || upstream?.status === "failed") value = [];
    else if (upstream?.status !== "succeeded") throw new BindingError(`for_each: ${loop.items.from_step} has not finished`);
    else {
      const read = readLoopList(upstream.output, loop.items);
      if ("problem" in read) throw new BindingError(`for_each: ${read.problem}`);
      value = read.list;
    }
  }
  const list = value as unknown[];
  if (list.length > loop.max_items)
    throw new BindingError(`for_each: ${from} has ${list.length.toLocaleString("en-US")} items, more than max_items (${loop.max_items.toLocaleString("en-US")})`);
  return list;
}

/** One item's inputs: the step's inputs with each `bind` entry's part of the item put in (a word of it, with `token`). */
export function bindItem(step: TStep, inputs: Record<string, unknown>, item: unknown): Record<string, unknown> {
  let out: unknown = inputs;
  for (const b of step.for_each?.bind ?? []) {
    let value = getAtPointer(item, b.item_path);
    if (value === undefined) throw new BindingError(`input ${b.input_path || "/"} is bound to the item's ${b.item_path || "value"}, which it lacks`);
    if (b.token !== undefined) {
      const words = typeof value === "string" ? lineTokens(value) : [];
      if (words[b.token] === undefined) throw new BindingError(`input ${b.input_path || "/"} is bound to word ${b.token + 1} of the item's ${b.item_path || "text"}, which has ${typeof value === "string" ? `${words.length} word${words.length === 1 ? "" : "s"}` : "no words (it is not text)"}`);
      value = words[b.token];
    }
    out = setAtPointer(out, b.input_path, value);
    if (out === undefined) throw new BindingError(`cannot put the item's ${b.item_path || "value"} at input ${b.input_path}: the path runs through a value that is not an object or array`);
  }
  return out as Record<string, unknown>;
}
