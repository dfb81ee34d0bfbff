import type { TForEach } from "../automations/schemas";
import type { StepItem } from "../runs/responses";

// How the canvas, the step panel and the run view word a looping step (for_each). Type-only
// imports: this is bundled into the browser.

type Items = TForEach["items"];

/** The list itself, without its producer: "/reservations", "/items inside /stdout", "params.ids". */
function listOf(items: Items, producer: string): string {
  if ("parameter" in items) return `params.${items.parameter}`;
  const at = items.output_path || producer;
  return items.json !== undefined ? `${items.json || "the JSON"} inside ${at}` : at;
}

/**
 * "for each of /reservations", "for each line of /stdout", "for each of params.ids": short enough
 * for a node, whose edge from the producer already says which step the list comes from.
 */
export function loopPhrase(items: Items): string {
  const lines = "lines" in items && items.lines;
  return `for each ${lines ? "line " : ""}of ${listOf(items, "parameter" in items ? "" : `${items.from_step}'s output`)}`;
}

/** The same, naming the producer: "for each of list_reservations_1/reservations". */
export function loopPhraseFull(items: Items): string {
  if ("parameter" in items) return loopPhrase(items);
  const at = `${items.from_step}${items.output_path}`;
  const list = items.json !== undefined ? `${items.json || "the JSON"} inside ${at}` : at;
  return `for each ${items.lines ? "line " : ""}of ${list}`;
}

/** The label of the edge that carries the list: "/reservations → each item", like a binding's "output → input". */
export function loopEdgeLabel(items: Items): string | undefined {
  if ("parameter" in items) return undefined;
  const from = items.output_path || "output";
  const cut = items.json !== undefined ? ` JSON ${items.json || "/"}` : items.lines ? " lines" : "";
  return `${from}${cut} → each item`;
}

/** "the item", "the item's /id": the part of an item a bind puts into an input. */
export const itemPart = (itemPath: string) => (itemPath ? `item${itemPath}` : "item");

export type LoopProgress = { total: number; succeeded: number; failed: number; running: number };

/** How far a loop got; null before its items are known. */
export function loopProgress(items: readonly Pick<StepItem, "status">[] | undefined): LoopProgress | null {
  if (!items) return null;
  const p: LoopProgress = { total: items.length, succeeded: 0, failed: 0, running: 0 };
  for (const i of items) {
    if (i.status === "succeeded") p.succeeded++;
    else if (i.status === "failed") p.failed++;
    else if (i.status === "running" || i.status === "waiting") p.running++;
  }
  return p;
}

export const sameProgress = (a: LoopProgress | null | undefined, b: LoopProgress | null | undefined) =>
  a === b || (!!a && !!b && a.total === b.total && a.succeeded === b.succeeded && a.failed === b.failed && a.running === b.running);

/** "7 / 12 items done · 1 failed · 2 running": done counts the items that succeeded. */
export function describeProgress(p: LoopProgress): string {
  const parts = [`${p.succeeded.toLocaleString("en-US")} / ${p.total.toLocaleString("en-US")} ${p.total === 1 ? "item" : "items"} done`];
  if (p.failed) parts.push(`${p.failed.toLocaleString("en-US")} failed`);
  if (p.running) parts.push(`${p.running.toLocaleString("en-US")} running`);
  return parts.join(" · ");
}

/** "a and b", "a, b and c", "a, b and 8 more": the steps a loop would be made of, short enough for one line. */
export function stepNames(keys: readonly string[]): string {
  if (keys.length <= 1) return keys[0] ?? "";
  if (keys.length <= 3) return `${keys.slice(0, -1).join(", ")} and ${keys.at(-1)}`;
  return `${keys[0]}, ${keys[1]} and ${keys.length - 2} more`;
}

/** A loop edit's refusal ("how many items … is not recorded") as a sentence of its own. */
export const asSentence = (problem: string) => `${problem.charAt(0).toUpperCase()}${problem.slice(1)}${/[.!?]$/.test(problem) ? "" : "."}`;
