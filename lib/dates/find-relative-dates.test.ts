import { describe, expect, it } from "vitest";
import { describeRelativeDate } from "./describe-relative-date";
import { evaluateRelativeDate } from "./evaluate-relative-date";
import { findDateLiterals } from "./find-date-literals";
import { findRelativeDates, type TRelativeDateMatch } from "./find-relative-dates";

const runTime = "2025-04-15T09:00:00Z"; // a Tuesday
const first = (m: TRelativeDateMatch) => (m.candidates[0] ? describeRelativeDate({ spec: m.candidates[0] }) : undefined);
const firstOf = (text: string, timeZone = "UTC", at = runTime) => findRelativeDates({ text, runTime: at, timeZone }).map(first);

/** Every candidate, evaluated at the run's own time, gives back the literal exactly. */
function expectRoundTrip(matches: TRelativeDateMatch[], at: string, timeZone: string) {
  for (const m of matches)
    for (const spec of m.candidates) expect(evaluateRelativeDate({ spec, now: at, timeZone })).toBe(m.literal);
}

describe("findRelativeDates", () => {
  it("reads the bounds of last quarter in SQL, with an exclusive upper bound", () => {
    const text = "SELECT sum(total) FROM orders WHERE ordered_at >= '2025-01-01' AND ordered_at < '2025-04-01'";
    const matches = findRelativeDates({ text, runTime, timeZone: "UTC" });
    expect(matches.map((m) => [m.literal, text.slice(m.start, m.end)])).toEqual([["2025-01-01", "2025-01-01"], ["2025-04-01", "2025-04-01"]]);
    expect(matches.map(first)).toEqual(["start of previous quarter", "start of this quarter"]);
    expect(matches[0]!.candidates.map((spec) => describeRelativeDate({ spec }))).toEqual(["start of previous quarter", "start of this year", "104 days ago"]);
    expectRoundTrip(matches, runTime, "UTC");
    // On a later run the same specs name the quarter before that one.
    const later = matches.map((m) => evaluateRelativeDate({ spec: m.candidates[0]!, now: "2025-08-02T06:00:00Z", timeZone: "UTC" }));
    expect(later).toEqual(["2025-04-01", "2025-07-01"]);
  });

  it("reads an inclusive upper bound as the end of the period", () => {
    expect(firstOf("created BETWEEN '2025-01-01' AND '2025-03-31'")).toEqual(["start of previous quarter", "end of previous quarter"]);
    expect(firstOf("from 2025-03-01 to 2025-03-31")).toEqual(["start of previous month", "end of previous month"]);
    expect(firstOf("since 2024-01-01 until 2024-12-31 23:59:59")).toEqual(["start of previous year", "end of previous year"]);
  });

  it("finds each relation as a whole value", () => {
    expect(firstOf("2025-04-15")).toEqual(["today"]);
    expect(firstOf("2025-04-14")).toEqual(["yesterday"]);
    expect(firstOf("2025-03-16")).toEqual(["30 days ago"]);
    expect(firstOf("2025-04-20")).toEqual(["end of this week"]);
    expect(firstOf("2025-04-07")).toEqual(["start of previous week"]);
    expect(firstOf("2025-04-30")).toEqual(["end of this month"]);
    expect(firstOf("2025-06-30")).toEqual(["end of this quarter"]);
    expect(firstOf("2025-12-31")).toEqual(["end of this year"]);
    expect(firstOf("2024-01-01")).toEqual(["start of previous year"]);
    expect(firstOf("2025-04-15T00:00:00Z")).toEqual(["start of today"]);
    expect(firstOf("2025-04-14 23:59:59")).toEqual(["end of yesterday"]);
  });

  it("counts in the automation's zone", () => {
    // 00:30 UTC is 17:30 the day before in Los Angeles.
    const at = "2025-04-15T00:30:00Z";
    expect(firstOf("2025-04-14", "America/Los_Angeles", at)).toEqual(["today"]);
    expect(firstOf("2025-04-14", "UTC", at)).toEqual(["yesterday"]);
    // Berlin, the Monday after summer time began: a week earlier is at the winter offset.
    const berlin = findRelativeDates({ text: "2025-03-24T00:00:00+01:00", runTime: "2025-03-31T10:00:00Z", timeZone: "Europe/Berlin" });
    expect(berlin.map(first)).toEqual(["start of previous week"]);
    expectRoundTrip(berlin, "2025-03-31T10:00:00Z", "Europe/Berlin");
  });

  it("keeps counting in UTC when a Z literal is a UTC edge only", () => {
    const matches = findRelativeDates({ text: "since=2025-04-01T00:00:00Z", runTime, timeZone: "America/Los_Angeles" });
    expect(matches.map(first)).toEqual(["start of this month (UTC)"]);
    expectRoundTrip(matches, runTime, "America/Los_Angeles");
    // The instant that is Los Angeles' own start of the month needs no pin.
    expect(firstOf("since=2025-04-01T07:00:00Z", "America/Los_Angeles")).toEqual(["start of this month"]);
  });

  it("gives no candidate to dates in no relation to the run", () => {
    expect(findRelativeDates({ text: '{"name":"Ada","born":"1987-06-14"}', runTime, timeZone: "UTC" })).toEqual([
      expect.objectContaining({ literal: "1987-06-14", candidates: [] }),
    ]);
    expect(firstOf("2022-03-17")).toEqual([undefined]); // three years ago, no period edge
    expect(firstOf("2024-03-10")).toEqual([undefined]); // 401 days ago
    expect(firstOf("2025-04-16")).toEqual([undefined]); // tomorrow
    expect(firstOf("2025-04-15T10:23:45Z")).toEqual([undefined]); // a time of day, no edge
  });

  it("reads a month written alone as this month or the previous one", () => {
    expect(firstOf('{"month":"2025-03"}')).toEqual(["previous month"]);
    expect(firstOf("reports/2025/04/")).toEqual(["this month"]);
    expect(firstOf("2025-01")).toEqual([undefined]); // three months back: a fixed month
  });

  it("gives a month beside a day that day's relation, so on the 1st yesterday's month is last month", () => {
    const key = (at: string) => findRelativeDates({ text: `sales/${at.slice(0, 7).replace("-", "/")}/sales_${at}.csv`, runTime: "2025-08-01T06:30:00Z", timeZone: "UTC" });
    const matches = key("2025-07-31");
    expect(matches.map(first)).toEqual(["the month of yesterday", "yesterday"]);
    expectRoundTrip(matches, "2025-08-01T06:30:00Z", "UTC");
    expect(evaluateRelativeDate({ spec: matches[0]!.candidates[0]!, now: "2025-11-03T06:30:00Z", timeZone: "UTC" })).toBe("2025/11");
  });

  it("reads slashed dates", () => {
    const matches = findRelativeDates({ text: "/logs/2025/04/14/app.log", runTime, timeZone: "UTC" });
    expect(matches.map(first)).toEqual(["yesterday"]);
    expectRoundTrip(matches, runTime, "UTC");
  });

  it("round-trips every candidate in several zones", () => {
    const text = "a 2025-04-13 b 2025-01-01T00:00:00.000Z c 2025-03-31 23:59:59 d 2024-12-31T23:59:59.999+01:00 e 2025-04-14T00:00";
    for (const timeZone of ["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"]) {
      const matches = findRelativeDates({ text, runTime, timeZone });
      expect(matches).toHaveLength(5);
      expect(matches.some((m) => m.candidates.length > 0)).toBe(true);
      expectRoundTrip(matches, runTime, timeZone);
    }
  });
});

describe("findDateLiterals", () => {
  it("finds dates and datetimes with their positions and formats", () => {
    const text = "x 2025-01-01, 2025-01-01T10:00, 2025-01-01 10:00:00.123456, 2025-01-01T10:00:00-05:00 and report_2025-03-31.csv";
    const found = findDateLiterals({ text });
    expect(found.map((f) => f.literal)).toEqual(["2025-01-01", "2025-01-01T10:00", "2025-01-01 10:00:00.123456", "2025-01-01T10:00:00-05:00", "2025-03-31"]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.literal);
    expect(found[2]!.format).toEqual({ kind: "datetime", separator: " ", seconds: true, fractionDigits: 6, zone: "none" });
    expect(found[3]!.format).toEqual({ kind: "datetime", separator: "T", seconds: true, fractionDigits: 0, zone: "offset" });
  });

  it("skips what only looks like a date", () => {
    for (const text of ["2025/01/011", "2025-013", "v12025/01", "1.2025-01", "2025/13", "2025.01.01", "ORD-20250101", "20250101", "12025-01-01", "2025-01-011", "1-2025-01-01-2", "2025-02-30", "2025-13-01", "2025-01-01T25:00:00"])
      expect(findDateLiterals({ text }), text).toEqual([]);
  });
});
