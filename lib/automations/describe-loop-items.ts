import type { TForEach } from "./schemas";

/** "steps.list_reservations/reservations" or "params.ids": where a loop's items come from, for messages and the canvas. */
export function describeLoopItems(items: TForEach["items"]): string {
  if ("parameter" in items) return `params.${items.parameter}`;
  return `${items.from_step}${items.output_path || " output"}${items.json !== undefined ? ` JSON ${items.json || "/"}` : ""}${items.lines ? " (lines)" : ""}`;
}
