import { describe, expect, it } from "vitest";
import { describeRelativeDate } from "./describe-relative-date";
import { evaluateRelativeDate } from "./evaluate-relative-date";
import { ZRelativeDate, type TDateFormat, type TRelativeDate } from "./schemas";

const DATE: TDateFormat = { kind: "date" };
const spec = (unit: TRelativeDate["unit"], offset: number, edge: TRelativeDate["edge"] = "start", format: TDateFormat = DATE): TRelativeDate => ({ unit, offset, edge, format });

describe("evaluateRelativeDate", () => {
  // Tuesday 2025-04-15, mid-morning in both zones.
  const now = "2025-04-15T08:00:00Z";
  const table: [TRelativeDate, string][] = [
    [spec("day", 0), "2025-04-15"],
    [spec("day", -3), "2025-04-12"],
    [spec("week", 0), "2025-04-14"],
    [spec("week", 0, "end"), "2025-04-20"],
    [spec("week", -1), "2025-04-07"],
    [spec("week", -1, "end"), "2025-04-13"],
    [spec("month", 0), "2025-04-01"],
    [spec("month", 0, "end"), "2025-04-30"],
    [spec("month", -1), "2025-03-01"],
    [spec("month", -1, "end"), "2025-03-31"],
    [spec("quarter", 0), "2025-04-01"],
    [spec("quarter", 0, "end"), "2025-06-30"],
    [spec("quarter", -1), "2025-01-01"],
    [spec("quarter", -1, "end"), "2025-03-31"],
    [spec("year", 0), "2025-01-01"],
    [spec("year", 0, "end"), "2025-12-31"],
    [spec("year", -1), "2024-01-01"],
    [spec("year", -1, "end"), "2024-12-31"],
  ];
  for (const timeZone of ["UTC", "Europe/Berlin", "America/Los_Angeles"])
    it.each(table)(`${timeZone}: %o → %s`, (s, expected) => {
      expect(evaluateRelativeDate({ spec: s, now, timeZone })).toBe(expected);
    });

  it("counts the day in the automation's zone: just after midnight UTC is still yesterday in Los Angeles", () => {
    const now = new Date("2025-04-15T00:30:00Z");
    expect(evaluateRelativeDate({ spec: spec("day", 0), now, timeZone: "America/Los_Angeles" })).toBe("2025-04-14");
    expect(evaluateRelativeDate({ spec: spec("day", 0), now, timeZone: "UTC" })).toBe("2025-04-15");
    // The evening of 31 March in Los Angeles is still the first quarter there.
    const quarterStart = spec("quarter", 0);
    expect(evaluateRelativeDate({ spec: quarterStart, now: "2025-04-01T03:00:00Z", timeZone: "America/Los_Angeles" })).toBe("2025-01-01");
    expect(evaluateRelativeDate({ spec: quarterStart, now: "2025-04-01T03:00:00Z", timeZone: "UTC" })).toBe("2025-04-01");
  });

  it("crosses year edges", () => {
    const now = "2025-01-01T05:00:00Z";
    expect(evaluateRelativeDate({ spec: spec("quarter", -1), now, timeZone: "UTC" })).toBe("2024-10-01");
    expect(evaluateRelativeDate({ spec: spec("quarter", -1, "end"), now, timeZone: "UTC" })).toBe("2024-12-31");
    expect(evaluateRelativeDate({ spec: spec("month", -1), now, timeZone: "UTC" })).toBe("2024-12-01");
    expect(evaluateRelativeDate({ spec: spec("week", 0), now, timeZone: "UTC" })).toBe("2024-12-30");
    expect(evaluateRelativeDate({ spec: spec("day", -1), now, timeZone: "UTC" })).toBe("2024-12-31");
    // Same instant, still 2024 in Los Angeles.
    expect(evaluateRelativeDate({ spec: spec("year", 0), now, timeZone: "America/Los_Angeles" })).toBe("2024-01-01");
  });

  it("does calendar arithmetic across DST changes", () => {
    // 00:30 on 10 March in New York, the day after clocks went forward: 24 hours earlier is 8 March.
    expect(evaluateRelativeDate({ spec: spec("day", -1), now: "2025-03-10T04:30:00Z", timeZone: "America/New_York" })).toBe("2025-03-09");
    // Berlin went to summer time on 30 March: last week's Monday has the winter offset.
    const withOffset: TDateFormat = { kind: "datetime", separator: "T", seconds: true, fractionDigits: 0, zone: "offset" };
    const now = "2025-03-31T10:00:00Z";
    expect(evaluateRelativeDate({ spec: spec("week", -1, "start", withOffset), now, timeZone: "Europe/Berlin" })).toBe("2025-03-24T00:00:00+01:00");
    expect(evaluateRelativeDate({ spec: spec("week", 0, "start", withOffset), now, timeZone: "Europe/Berlin" })).toBe("2025-03-31T00:00:00+02:00");
  });

  it("renders datetimes in the recorded format", () => {
    const now = "2025-04-15T12:00:00Z";
    const utc: TDateFormat = { kind: "datetime", separator: "T", seconds: true, fractionDigits: 0, zone: "Z" };
    expect(evaluateRelativeDate({ spec: spec("day", 0, "start", utc), now, timeZone: "America/Los_Angeles" })).toBe("2025-04-15T07:00:00Z");
    expect(evaluateRelativeDate({ spec: { ...spec("day", 0, "start", utc), timeZone: "UTC" }, now, timeZone: "America/Los_Angeles" })).toBe("2025-04-15T00:00:00Z");
    const sql: TDateFormat = { kind: "datetime", separator: " ", seconds: true, fractionDigits: 6, zone: "none" };
    expect(evaluateRelativeDate({ spec: spec("month", -1, "end", sql), now, timeZone: "UTC" })).toBe("2025-03-31 23:59:59.999999");
    expect(evaluateRelativeDate({ spec: spec("month", -1, "start", sql), now, timeZone: "UTC" })).toBe("2025-03-01 00:00:00.000000");
    const minutes: TDateFormat = { kind: "datetime", separator: "T", seconds: false, fractionDigits: 0, zone: "none" };
    expect(evaluateRelativeDate({ spec: spec("year", -1, "end", minutes), now, timeZone: "UTC" })).toBe("2024-12-31T23:59");
  });

  it("moves with the logical time", () => {
    const previousQuarter = spec("quarter", -1);
    expect(evaluateRelativeDate({ spec: previousQuarter, now: "2025-04-15T10:00:00Z", timeZone: "UTC" })).toBe("2025-01-01");
    expect(evaluateRelativeDate({ spec: previousQuarter, now: "2025-08-02T10:00:00Z", timeZone: "UTC" })).toBe("2025-04-01");
  });

  it("refuses an invalid logical time", () => {
    expect(() => evaluateRelativeDate({ spec: spec("day", 0), now: "yesterday", timeZone: "UTC" })).toThrow(/relative date/);
  });
});

describe("ZRelativeDate", () => {
  it("round-trips through JSON and refuses unknown zones", () => {
    const s: TRelativeDate = { ...spec("quarter", -1, "end", { kind: "datetime", separator: " ", seconds: true, fractionDigits: 3, zone: "Z" }), timeZone: "UTC" };
    expect(ZRelativeDate.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(ZRelativeDate.safeParse({ ...s, timeZone: "Mars/Olympus" }).success).toBe(false);
    expect(ZRelativeDate.safeParse({ ...s, offset: 0.5 }).success).toBe(false);
  });
});

describe("describeRelativeDate", () => {
  it("names the relation", () => {
    expect(describeRelativeDate({ spec: spec("day", 0) })).toBe("today");
    expect(describeRelativeDate({ spec: spec("day", -30) })).toBe("30 days ago");
    expect(describeRelativeDate({ spec: spec("quarter", -1) })).toBe("start of previous quarter");
    expect(describeRelativeDate({ spec: spec("month", 0, "end") })).toBe("end of this month");
  });
});
