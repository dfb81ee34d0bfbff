// Date library: Luxon 3.7.2, pinned. It is already in the tree (cron-parser, which the schedules
// use, depends on it), so it adds no weight; alone it is ~60 KB gzipped with no dependencies of its
// own. Zones come from the platform's Intl (IANA names, DST-correct `plus({ days })` as calendar
// arithmetic). `startOf`/`endOf` know "quarter", and "week" is the ISO week (Monday) unless asked
// for locale weeks. date-fns has the same edges but needs @date-fns/tz as a second package and
// `in: tz(zone)` plus `weekStartsOn: 1` on every call; Temporal (polyfill) has no start of week,
// quarter or year. Luxon is maintained by the Moment team and fully typed (@types/luxon).
import { DateTime } from "luxon";
import type { TDateFormat, TRelativeDate } from "./schemas";

const PLURAL = { day: "days", week: "weeks", month: "months", quarter: "quarters", year: "years" } as const;

/** A logical time as Luxon sees it; throws on text that is no ISO instant. */
export function toDateTime(now: Date | string | DateTime): DateTime {
  const at = typeof now === "string" ? DateTime.fromISO(now, { setZone: true }) : now instanceof Date ? DateTime.fromJSDate(now) : now;
  if (!at.isValid) throw new Error(`Cannot evaluate a relative date: ${at.invalidExplanation ?? at.invalidReason}`);
  return at;
}

/** The edge a relative date names, as an instant seen in its zone. */
export function resolveRelativeDate({ spec, now, timeZone }: { spec: TRelativeDate; now: Date | string | DateTime; timeZone: string }): DateTime {
  const at = toDateTime(now).setZone(spec.timeZone ?? timeZone);
  const period = at.plus({ [PLURAL[spec.unit]]: spec.offset });
  return spec.edge === "start" ? period.startOf(spec.unit) : period.endOf(spec.unit);
}

/** The relative date's text at logical time `now` in the automation's zone, e.g. `2025-04-01`. */
export function evaluateRelativeDate(options: { spec: TRelativeDate; now: Date | string | DateTime; timeZone: string }): string {
  return formatDate({ at: resolveRelativeDate(options), format: options.spec.format, edge: options.spec.edge });
}

function formatDate({ at, format, edge }: { at: DateTime; format: TDateFormat; edge: TRelativeDate["edge"] }): string {
  if (format.kind === "date") return at.toFormat(format.pattern ?? "yyyy-MM-dd");
  const t = format.zone === "Z" ? at.toUTC() : at;
  let text = t.toFormat(`yyyy-MM-dd'${format.separator}'HH:mm${format.seconds ? ":ss" : ""}`);
  if (format.fractionDigits > 0) {
    // Luxon keeps milliseconds; finer digits continue the edge (`.999999` ends a day, `.000000` starts one).
    const millis = t.toFormat("SSS");
    const extra = Math.max(0, format.fractionDigits - 3);
    text += "." + (millis + (edge === "end" ? "9" : "0").repeat(extra)).slice(0, format.fractionDigits);
  }
  if (format.zone === "Z") text += "Z";
  if (format.zone === "offset") text += t.toFormat("ZZ");
  return text;
}
