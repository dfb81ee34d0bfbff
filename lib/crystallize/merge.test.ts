import { describe, expect, it } from "vitest";
import { crystallize } from "./crystallize";
import { mergeRun } from "./merge";
import { call, transcript, user } from "../../tests/crystallize-fixtures";

// Merge's handling of templates: one only the incoming run inferred is taken, with its parameters.

describe("merging templates", () => {
  it("takes a relative date only the second run showed, and leaves the frozen SQL no parameter", () => {
    const sql = (from: string, to: string) => `SELECT sum(total) FROM orders WHERE ordered_at >= '${from}' AND ordered_at < '${to}'`;
    // The first run recorded no time, so its dates stayed frozen; the second did.
    const first = crystallize(transcript([user("Revenue for last quarter"), call("run_sql", { sql: sql("2026-04-01", "2026-07-01") }, { rows: [] })])).definition;
    const second = crystallize({ ...transcript([user("Revenue for last quarter"), call("run_sql", { sql: sql("2026-07-01", "2026-10-01") }, { rows: [] })]), startedAt: "2026-10-01T09:00:00Z" }).definition;
    expect(first.steps[0]!.templates).toBeUndefined();
    const merged = mergeRun(first, second);
    expect(merged.differences).toEqual([]);
    expect(merged.definition.steps[0]!.templates).toEqual(second.steps[0]!.templates);
    expect(merged.definition.steps[0]!.parameter_refs).toEqual([]);
  });

  it("takes a value template with the parameter its hole names", () => {
    const first = crystallize(transcript([user("Email the customer"), call("send_email", { to: "ops@example.com", subject: "Refunds done" }, { ok: true })])).definition;
    const second = crystallize(
      transcript([user("Email the customer about ORD-1042"), call("send_email", { to: "ops@example.com", subject: "Your refund for ORD-1042" }, { ok: true })]),
    ).definition;
    const merged = mergeRun(first, second);
    expect(merged.definition.steps[0]!.templates?.[0]).toMatchObject({ input_path: "/subject", template: second.steps[0]!.templates![0]!.template });
    const names = [...merged.definition.steps[0]!.templates![0]!.template.matchAll(/params\.([a-z_0-9]+)/g)].map((m) => m[1]);
    expect(names.length).toBe(1);
    expect(merged.definition.parameters.map((p) => p.name)).toContain(names[0]);
  });
});
