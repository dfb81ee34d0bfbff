// The demo's calendar: the demo warehouse and the demo analytics run are laid out around the
// current quarter (UTC), so a crystallized dashboard of "last quarter" shows real figures whenever
// it runs. Both read the quarter when the process starts; a server that runs across a quarter's
// end keeps its warehouse, and the next start lays it out again.
import { DateTime } from "luxon";

export function demoCalendar(now: Date = new Date()) {
  const today = DateTime.fromJSDate(now, { zone: "utc" });
  const quarter = today.startOf("quarter");
  const previous = quarter.minus({ quarters: 1 });
  const months = [0, 1, 2].map((i) => previous.plus({ months: i }));
  // The agent ran at 09:00 on the quarter's first day, or as late as it could have by now.
  const ranAt = DateTime.min(quarter.plus({ hours: 9 }), DateTime.max(quarter, today.minus({ minutes: 5 })))!;
  return {
    /** The current quarter's first instant: the warehouse lays its months out from here. */
    quarterStart: quarter.toJSDate(),
    previousQuarterStart: previous.toISODate()!,
    thisQuarterStart: quarter.toISODate()!,
    /** `2026-07`, `2026-08`, `2026-09`: the months the demo queries return. */
    previousMonths: months.map((m) => m.toFormat("yyyy-MM")),
    lastMonthName: months[2]!.toFormat("LLLL"),
    ranAt: ranAt.toJSDate(),
  };
}
