import { describe, expect, it } from "vitest";
import { crystallize } from "./crystallize";
import { assistant, call, transcript, user } from "../../tests/crystallize-fixtures";
import type { Transcript } from "./types";

// The relative-date rule, end to end through the crystallizer: which dates roll, how the template
// reads, and the near-misses that must stay frozen.

const RAN = "2026-10-01T09:00:00Z"; // the first day of Q4 2026
const at = (t: Transcript, startedAt: string | null = RAN): Transcript => ({ ...t, startedAt });
const stepOf = (t: Transcript, i = 0, options = {}) => {
  const r = crystallize(t, options);
  return { step: r.definition.steps[i]!, result: r };
};

describe("relative dates", () => {
  it("turns a quarter's quoted bounds in SQL into bound-parameter holes, and reports each in words", () => {
    const sql = "SELECT sum(total) FROM orders WHERE ordered_at >= '2026-07-01' AND ordered_at < '2026-10-01'";
    const { step, result } = stepOf(at(transcript([user("Revenue for last quarter"), call("run_sql", { sql }, { rows: [] })])));
    expect(step.templates).toEqual([
      {
        input_path: "/sql",
        template:
          'SELECT sum(total) FROM orders WHERE ordered_at >= {{ $relativeDate({"unit":"quarter","offset":-1,"edge":"start"}) }} AND ordered_at < {{ $relativeDate({"unit":"quarter","offset":0,"edge":"start"}) }}',
        recorded_value: sql,
        inferred: "relative_date",
      },
    ]);
    expect(step.inputs.sql).toBe(sql);
    expect(result.report.relative_dates).toEqual([
      { step: "run_sql_1", input_path: "/sql", literal: "2026-07-01", relation: "start of previous quarter" },
      { step: "run_sql_1", input_path: "/sql", literal: "2026-10-01", relation: "start of this quarter" },
    ]);
    // An inferred template needs review before the automation runs unattended.
    expect(result.definition.metadata.unreviewed_steps).toEqual(["run_sql_1"]);
  });

  it("reads a date several relations explain as the period the user named", () => {
    const sql = "SELECT count(*) FROM tickets WHERE opened_at >= '2026-10-01'";
    const run = (words: string) => at(transcript([user(words), call("run_sql", { sql }, { rows: [] })]), "2026-10-02T09:00:00Z");
    // The 1st of October is yesterday, and the start of this month, and of this quarter.
    expect(stepOf(run("How many tickets this quarter so far?")).result.report.relative_dates![0]!.relation).toBe("start of this quarter");
    expect(stepOf(run("How many tickets month to date?")).result.report.relative_dates![0]!.relation).toBe("start of this month");
    expect(stepOf(run("How many tickets since yesterday?")).result.report.relative_dates![0]!.relation).toBe("yesterday");
    expect(stepOf(run("How many tickets?")).result.report.relative_dates![0]!.relation).toBe("yesterday");
    const ytd = at(transcript([user("MRR by plan, YTD"), call("run_sql", { sql: "SELECT 1 WHERE d >= '2026-01-01'" }, { rows: [] })]), "2026-05-12T09:00:00Z");
    expect(stepOf(ytd).result.report.relative_dates![0]!.relation).toBe("start of this year");
  });

  it("rolls a key's month as the month of the day beside it, in the key's own format", () => {
    const key = "sales/2026/09/sales_2026-09-30.csv";
    const { step, result } = stepOf(at(transcript([user("Archive yesterday's export"), call("upload_file", { key }, { ok: true })])));
    expect(step.templates![0]!.template).toBe(
      'sales/{{ $relativeDate({"unit":"day","offset":-1,"edge":"start","format":{"kind":"date","pattern":"yyyy/MM"}}) }}/sales_{{ $relativeDate({"unit":"day","offset":-1,"edge":"start"}) }}.csv',
    );
    expect(result.report.relative_dates!.map((d) => d.relation)).toEqual(["the month of yesterday", "yesterday"]);
  });

  it("keeps a typed SQL literal's type as a cast on the parameter", () => {
    const { step } = stepOf(at(transcript([call("run_sql", { sql: "SELECT * FROM t WHERE day = DATE '2026-09-30'" }, { rows: [] })])));
    expect(step.templates![0]!.template).toBe('SELECT * FROM t WHERE day = {{ $relativeDate({"unit":"day","offset":-1,"edge":"start"}) }}::date');
  });

  it("rolls a whole-value date the user gave instead of making it a parameter, and dates inside other text", () => {
    const t = at(
      transcript([
        user("Export yesterday's signups, 2026-09-30, to the bucket"),
        call("export_signups", { day: "2026-09-30", path: "exports/signups_2026-09-30.csv", note: "see {{ docs }}" }, { ok: true }),
      ]),
    );
    const { step, result } = stepOf(t);
    expect(step.templates).toEqual([
      expect.objectContaining({ input_path: "/day", template: '{{ $relativeDate({"unit":"day","offset":-1,"edge":"start"}) }}' }),
      expect.objectContaining({ input_path: "/path", template: 'exports/signups_{{ $relativeDate({"unit":"day","offset":-1,"edge":"start"}) }}.csv' }),
    ]);
    expect(step.parameter_refs.map((r) => r.input_path)).not.toContain("/day");
    expect(result.definition.parameters.map((p) => p.default)).not.toContain("2026-09-30");
  });

  it("leaves a date that stands in no relation to the run (a birthday) and a date inside a longer SQL string frozen", () => {
    const { step, result } = stepOf(
      at(transcript([call("update_customer", { birthday: "1990-05-17" }, { ok: true }), call("run_sql", { sql: "SELECT * FROM t WHERE label LIKE '%2026-09-30%'" }, { rows: [] })])),
    );
    expect(step.templates).toBeUndefined();
    expect(result.definition.steps[1]!.templates).toBeUndefined();
    expect(result.report.relative_dates).toEqual([]);
  });

  it("leaves dates in SQL comments, doubled quotes, E'' strings and other types alone, and never rolls a value read from upstream", () => {
    const sqls = [
      "SELECT 1 -- since '2026-09-30'",
      "SELECT 'it''s ''2026-09-30'' ok'",
      "SELECT E'2026-09-30'",
      "SELECT interval '2026-09-30'",
    ];
    const t = at(
      transcript([
        ...sqls.map((sql) => call("run_sql", { sql }, { rows: [] })),
        call("list_days", {}, { rows: [{ day: "2026-09-30", n: 3 }] }),
        call("create_chart", { title: "Days", data: [{ day: "2026-09-30", n: 3 }] }, { ok: true }),
      ]),
    );
    const result = crystallize(t);
    for (const s of result.definition.steps.slice(0, 4)) expect(s.templates, String(s.inputs.sql)).toBeUndefined();
    const chart = result.definition.steps.find((s) => s.key === "create_chart_1")!;
    expect(chart.bindings.map((b) => b.input_path)).toEqual(["/data"]);
    expect(chart.templates).toBeUndefined();
  });

  it("keeps the type of a multi-word typed literal", () => {
    const { step } = stepOf(at(transcript([call("run_sql", { sql: "SELECT * FROM t WHERE at >= timestamp with time zone '2026-09-30 00:00:00'" }, { rows: [] })])));
    expect(step.templates![0]!.template).toMatch(/WHERE at >= \{\{ .* \}\}::timestamp with time zone$/);
  });

  it("needs the source's time: without one, dates stay as recorded and the report says so", () => {
    const { step, result } = stepOf(at(transcript([call("run_sql", { sql: "SELECT * FROM t WHERE d >= '2026-07-01'" }, { rows: [] })]), null));
    expect(step.templates).toBeUndefined();
    expect(result.report.relative_dates).toBeNull();
  });

  it("falls back to the first call's own time, and counts in the automation's zone", () => {
    // 23:30 UTC on 30 September is already 1 October in Berlin: "today" there.
    const t = transcript([assistant("Pulling today's orders"), call("list_orders", { since: "2026-10-01" }, { orders: [] }, { startedAt: "2026-09-30T23:30:00Z" })]);
    const berlin = stepOf(t, 0, { time_zone: "Europe/Berlin" });
    expect(berlin.step.templates![0]!.template).toBe('{{ $relativeDate({"unit":"day","offset":0,"edge":"start"}) }}');
    expect(berlin.result.definition.time_zone).toBe("Europe/Berlin");
    // In UTC it is tomorrow, which is no relation the rule knows.
    expect(stepOf(t).step.templates).toBeUndefined();
  });
});
