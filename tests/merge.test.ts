import { beforeAll, describe, expect, it } from "vitest";
import * as runs from "../app/api/v1/agents/runs/route";
import * as crystallizeRun from "../app/api/v1/agents/runs/[run_id]/crystallize/route";
import * as automation from "../app/api/v1/automations/[automation_id]/route";
import { DateTime } from "luxon";
import { DASHBOARD_TITLE, revenueRun } from "../lib/demo/demo-data";
import { call, seedWorkspace } from "./helpers";

// A second run of the same task, merged into the automation the first one made.

let ws: { workspaceId: string; key: string };
let other: { workspaceId: string; key: string };
beforeAll(async () => {
  ws = await seedWorkspace();
  other = await seedWorkspace("Other");
});

/**
 * The revenue run a quarter earlier, with another title: every date in it (the run's clock and the
 * SQL's bounds) one quarter back, so its queries ask for "last quarter" just the same.
 */
const q2 = () =>
  JSON.parse(
    JSON.stringify(revenueRun)
      .replaceAll(DASHBOARD_TITLE, "Quarterly review: revenue and orders")
      .replace(/\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?/g, (iso, time) => {
        const earlier = DateTime.fromISO(iso, { zone: "utc" }).minus({ quarters: 1 });
        return time ? earlier.toISO()! : earlier.toISODate()!;
      }),
  );

async function crystallize(run: unknown, body?: unknown, key = ws.key) {
  const created = await call(runs.POST, { key, body: run });
  return call(crystallizeRun.POST, { key, params: { run_id: created.json.id }, body, method: "POST", query: "include=definition" });
}

describe("crystallize into an existing automation", () => {
  it("makes the next version, turns differing inputs into parameters, and reports the diff", async () => {
    const first = await crystallize(revenueRun);
    const id = first.json.automation.id;
    const merged = await crystallize(q2(), { into: id });
    expect(merged.status).toBe(201);
    expect(merged.json.merge).toMatchObject({ into: id, from_version: 1, version: 2 });
    const diffs = merged.json.merge.differences;
    expect(diffs.length).toBeGreaterThan(0);
    for (const d of diffs) expect(d.current).not.toEqual(d.incoming);
    // The SQL's dates differ, but both runs asked for "last quarter": its template covers them.
    expect(diffs.map((d: { step: string; input_path: string }) => `${d.step}${d.input_path}`)).toEqual(["create_flashboard_1/title"]);

    const a = merged.json.automation;
    expect(a.version).toBe(2);
    const names = a.definition.parameters.map((p: { name: string }) => p.name);
    for (const d of diffs) expect(names).toContain(d.parameter);
    const titleParam = diffs[0].parameter;
    expect(a.definition.steps.find((s: { key: string }) => s.key === "create_flashboard_1").parameter_refs).toContainEqual({ input_path: "/title", parameter: titleParam });
    // The default keeps the automation doing what it did; bound inputs are not parameters.
    expect(a.definition.parameters.find((p: { name: string }) => p.name === titleParam).default).toBe(DASHBOARD_TITLE);
    expect(a.definition.steps[0].templates).toEqual(first.json.automation.definition.steps[0].templates);
    expect(diffs.some((d: { input_path: string }) => d.input_path.startsWith("/charts") && d.input_path.endsWith("/data"))).toBe(false);
  });

  it("a run of the same inputs adds a version without parameters", async () => {
    const first = await crystallize(revenueRun);
    const merged = await crystallize(revenueRun, { into: first.json.automation.id });
    expect(merged.status).toBe(201);
    expect(merged.json.merge.differences).toEqual([]);
    expect(merged.json.automation.definition.parameters).toEqual(first.json.automation.definition.parameters);
  });

  it("refuses a run that did different work, naming the steps, and changes nothing", async () => {
    const first = await crystallize(revenueRun);
    const id = first.json.automation.id;
    const shorter = structuredClone(revenueRun);
    shorter.messages = shorter.messages.slice(0, 2);
    const res = await crystallize(shorter, { into: id });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toMatch(/different work.*create_flashboard_1/);
    const after = await call(automation.GET, { key: ws.key, params: { automation_id: id } });
    expect(after.json).toMatchObject({ version: 1, definition: { parameters: first.json.automation.definition.parameters } });
  });

  it("cannot merge into another workspace's automation", async () => {
    const theirs = await crystallize(revenueRun, undefined, other.key);
    const res = await crystallize(q2(), { into: theirs.json.automation.id });
    expect(res.status).toBe(404);
  });
});
