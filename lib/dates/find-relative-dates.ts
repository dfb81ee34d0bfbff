// Which date literals in a step input stand in a recognisable relation to the source run's time:
// today, N days ago, or the start or end of this or the previous week, month, quarter or year.
// A candidate is kept only when evaluating it at the run's time gives back the literal exactly.
import { DateTime } from "luxon";
import { evaluateRelativeDate, toDateTime } from "./evaluate-relative-date";
import { findDateLiterals, isoDayOf, type TDateLiteral } from "./find-date-literals";
import type { TRelativeDate } from "./schemas";

export type TRelativeDateMatch = TDateLiteral & {
  /** Every relation that reproduces the literal, most likely first; empty for a date that matches none (a birthday). */
  candidates: TRelativeDate[];
};

/** Beyond this, a date that is no period edge is a fixed date, not "N days ago". */
export const MAX_DAYS_AGO = 400;
const PERIODS = ["week", "month", "quarter", "year"] as const;

/**
 * `cache`: candidates by literal, for one run time and zone. A literal costs about a millisecond
 * to place; a run that repeats one date across thousands of calls pays it once.
 */
export function findRelativeDates({ text, runTime, timeZone, cache }: { text: string; runTime: Date | string | DateTime; timeZone: string; cache?: Map<string, TRelativeDate[]> }): TRelativeDateMatch[] {
  const literals = findDateLiterals({ text });
  if (literals.length === 0) return [];
  const at = toDateTime(runTime);
  const place = (literal: TDateLiteral) => {
    let found = cache?.get(literal.literal);
    if (!found) {
      found = candidatesFor({ literal, runTime: at, timeZone });
      cache?.set(literal.literal, found);
    }
    return found;
  };
  const matches = literals.map((literal) => ({ ...literal, candidates: place(literal) }));
  preferWholePeriods(matches);
  preferSiblingDays({ matches, runTime: at, timeZone });
  return matches;
}

const isMonth = (format: TDateLiteral["format"]) => format.kind === "date" && (format.pattern === "yyyy-MM" || format.pattern === "yyyy/MM");

function candidatesFor({ literal, runTime, timeZone }: { literal: TDateLiteral; runTime: DateTime; timeZone: string }): TRelativeDate[] {
  const reproduces = (spec: TRelativeDate) => evaluateRelativeDate({ spec, now: runTime, timeZone }) === literal.literal;
  const found = specsToTry({ literal, runTime, zone: timeZone }).filter(reproduces);
  if (found.length > 0 || literal.format.kind === "date" || literal.format.zone !== "Z") return found;
  // `2025-04-01T00:00:00Z` in a Los Angeles automation: the agent counted in UTC, so keep doing that.
  return specsToTry({ literal, runTime, zone: "UTC" })
    .map((spec) => ({ ...spec, timeZone: "UTC" }))
    .filter(reproduces);
}

/**
 * The relations whose calendar day is the literal's day in `zone`, in order of preference: today
 * and yesterday, period edges, then older days. Days are compared as plain dates (in UTC, where
 * Luxon is fast); the caller then checks the exact text in the real zone.
 */
function specsToTry({ literal, runTime, zone }: { literal: TDateLiteral; runTime: DateTime; zone: string }): TRelativeDate[] {
  const { format } = literal;
  // A month alone is this month or the previous one; a month that is a day's part takes that day's
  // relation instead (preferSiblingDays).
  if (isMonth(format)) return [0, -1].map((offset): TRelativeDate => ({ unit: "month", offset, edge: "start", format }));
  const run = runTime.setZone(zone);
  const runDay = DateTime.utc(run.year, run.month, run.day);
  const hasZone = format.kind === "datetime" && format.zone !== "none";
  const day = hasZone ? DateTime.fromISO(literal.literal.replace(" ", "T")).setZone(zone).toISODate() : isoDayOf(literal);
  const daysAgo = Math.round(runDay.diff(DateTime.fromISO(day ?? "", { zone: "utc" }), "days").days);

  const edges = format.kind === "date" ? (["start"] as const) : (["start", "end"] as const);
  const days = (offset: number) => edges.map((edge): TRelativeDate => ({ unit: "day", offset, edge, format }));
  const specs: TRelativeDate[] = [];
  if (daysAgo === 0 || daysAgo === 1) specs.push(...days(-daysAgo));
  for (const unit of PERIODS)
    for (const offset of [0, -1])
      for (const edge of ["start", "end"] as const) {
        const period = runDay.plus({ [`${unit}s`]: offset });
        if ((edge === "start" ? period.startOf(unit) : period.endOf(unit)).toISODate() === day) specs.push({ unit, offset, edge, format });
      }
  if (daysAgo >= 2 && daysAgo <= MAX_DAYS_AGO) specs.push(...days(-daysAgo));
  return specs;
}

/**
 * Two neighbouring literals that bound one whole period (`>= '2025-01-01' AND < '2025-04-01'`, or
 * `BETWEEN '2025-01-01' AND '2025-03-31'`) most likely mean that period, so those two readings go
 * first: here the previous quarter, not "start of this year" and "start of this month".
 */
function preferWholePeriods(matches: TRelativeDateMatch[]): void {
  for (let i = 0; i + 1 < matches.length; i++) {
    const [from, to] = [matches[i]!, matches[i + 1]!];
    if (isMonth(from.format) || isMonth(to.format)) continue;
    const pair = findPair(from.candidates, to.candidates);
    if (!pair) continue;
    from.candidates = [pair[0], ...from.candidates.filter((c) => c !== pair[0])];
    to.candidates = [pair[1], ...to.candidates.filter((c) => c !== pair[1])];
    i++;
  }
}

function findPair(froms: TRelativeDate[], tos: TRelativeDate[]): [TRelativeDate, TRelativeDate] | undefined {
  for (const unit of ["year", "quarter", "month", "week", "day"] as const)
    for (const a of froms) {
      if (a.unit !== unit || a.edge !== "start") continue;
      const b = tos.find(
        (b) =>
          b.unit === unit &&
          b.timeZone === a.timeZone &&
          ((b.edge === "start" && b.offset === a.offset + 1) || (b.edge === "end" && b.offset === a.offset)),
      );
      if (b) return [a, b];
    }
  return undefined;
}

/**
 * A month written beside a day in one text (`sales/2025/07/sales_2025-07-14.csv`) is most likely
 * that day's month: it takes the day's relation, so on the 1st yesterday's key is last month's.
 */
function preferSiblingDays({ matches, runTime, timeZone }: { matches: TRelativeDateMatch[]; runTime: DateTime; timeZone: string }): void {
  const days = matches.filter((m) => !isMonth(m.format) && m.candidates.length > 0);
  if (days.length === 0) return;
  for (const month of matches) {
    if (!isMonth(month.format)) continue;
    for (const day of days) {
      const spec: TRelativeDate = { ...day.candidates[0]!, edge: "start", format: month.format };
      if (evaluateRelativeDate({ spec, now: runTime, timeZone }) !== month.literal) continue;
      month.candidates = [spec, ...month.candidates.filter((c) => c.unit !== spec.unit || c.offset !== spec.offset)];
      break;
    }
  }
}
