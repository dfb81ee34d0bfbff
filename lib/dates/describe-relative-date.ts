// A relative date in words, for the review screen: "start of previous quarter", "3 days ago".
import type { TRelativeDate } from "./schemas";

export function describeRelativeDate({ spec }: { spec: TRelativeDate }): string {
  // A month written alone (`2025/07`) names a month, not an edge of one.
  if (spec.format.kind === "date" && spec.format.pattern && !spec.format.pattern.endsWith("dd")) {
    const date = describeRelativeDate({ spec: { ...spec, format: { kind: "date" } } });
    return spec.unit === "month" ? date.replace(/^start of /, "") : `the month of ${date}`;
  }
  const zone = spec.timeZone ? ` (${spec.timeZone})` : "";
  if (spec.unit === "day") {
    const n = -spec.offset;
    const day = n === 0 ? "today" : n === 1 ? "yesterday" : n === -1 ? "tomorrow" : n > 0 ? `${n} days ago` : `in ${-n} days`;
    return (spec.format.kind === "date" ? day : `${spec.edge} of ${day}`) + zone;
  }
  const n = -spec.offset;
  const which = n === 0 ? `this ${spec.unit}` : n === 1 ? `previous ${spec.unit}` : n === -1 ? `next ${spec.unit}` : n > 0 ? `the ${spec.unit} ${n} ${spec.unit}s ago` : `the ${spec.unit} in ${-n} ${spec.unit}s`;
  return `${spec.edge} of ${which}${zone}`;
}
