import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as automations from "../app/api/v1/automations/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import { getDb } from "../lib/db";
import { newId } from "../lib/ids";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { call, seedWorkspace } from "./helpers";
import { startHttpServer, waitForRun, type Recorded } from "./engine-helpers";

// Holes in SQL a custom tool receives as text, through the public API on a real database and
// queue, against a real HTTP tool that records every request: a run's value becomes a quoted
// literal only when no dialect would need it escaped, and otherwise the tool is never called.

let ws: { workspaceId: string; key: string };
let tool: Awaited<ReturnType<typeof startHttpServer>>;
const sqlOf = (r: Recorded) => (r.body as { arguments: { sql: string } }).arguments.sql;

beforeAll(async () => {
  ws = await seedWorkspace("Tool SQL", { egressAllowList: ["127.0.0.1"] });
  tool = await startHttpServer(() => ({ status: 200, body: [{ country: "JP", revenue: "32397.91" }] }));
  const db = await getDb();
  await db.toolProvider.create({
    data: { id: newId("tp"), workspaceId: ws.workspaceId, name: "postgres mcp", kind: "http", config: { url: `${tool.url}/tool`, headers: {} }, tools: [{ name: "mcp__postgres__query" }] },
  });
  await startEngine(2);
});
afterAll(async () => {
  await stopEngine();
  await tool.close();
});

const RECORDED = "SELECT country, sum(amount_cents) AS revenue FROM orders WHERE region = 'EMEA' AND paid_at >= '2025-05-01' GROUP BY country";
const LAST_MONTH = `'{{ $relativeDate({"unit":"month","offset":-1,"edge":"start"}) }}'`;

async function regionQuery(template: string) {
  const made = await call(automations.POST, {
    key: ws.key,
    body: {
      name: `tool sql ${Math.random()}`,
      definition: {
        parameters: [{ name: "region", type: "string", default: "EMEA" }],
        steps: [{ key: "query", type: "action", action_kind: "mcp__postgres__query", inputs: { sql: RECORDED }, templates: [{ input_path: "/sql", template }] }],
      },
    },
  });
  expect(made.status).toBe(201);
  return made.json.id as string;
}

async function runWith(automationId: string, input: Record<string, unknown>) {
  const before = tool.requests.length;
  const started = await call(autoRuns.POST, { key: ws.key, params: { automation_id: automationId }, body: { input }, method: "POST" });
  expect(started.status).toBe(201);
  const run = await waitForRun(ws.key, started.json.id);
  return { run, step: run.steps.find((s: { step_key: string }) => s.step_key === "query"), received: tool.requests.slice(before) };
}

describe("a hole in a custom tool's SQL", () => {
  it("that replaced a whole literal sends the value quoted, beside relative dates, and refuses a value that would change the statement before the tool hears of it", async () => {
    const id = await regionQuery(`SELECT country, sum(amount_cents) AS revenue FROM orders WHERE region = {{ params.region }} AND paid_at >= ${LAST_MONTH} GROUP BY country`);

    const evil = await runWith(id, { region: "'; DROP TABLE orders; --", now: "2025-09-18T10:00:00Z" });
    expect(evil.run.status).toBe("failed");
    expect(evil.step.error).toBe(
      "the template at input /sql: the hole {{ params.region }} stands for a literal in SQL the tool receives as text, and its value holds a quote ('), which could end or escape the literal in some SQL dialect (a value here may not hold ' \" ` ] \\ or a control character); the step did not run",
    );
    expect(evil.received).toEqual([]);

    // MySQL reads \' as a quote inside a string: a backslash is refused too, not doubled.
    const backslash = await runWith(id, { region: "APAC\\", now: "2025-09-18T10:00:00Z" });
    expect(backslash.step.error).toMatch(/its value holds a backslash/);
    expect(backslash.received).toEqual([]);

    const plain = await runWith(id, { region: "APAC", now: "2025-09-18T10:00:00Z" });
    expect(plain.run.status).toBe("succeeded");
    expect(plain.received.map(sqlOf)).toEqual(["SELECT country, sum(amount_cents) AS revenue FROM orders WHERE region = 'APAC' AND paid_at >= '2025-08-01' GROUP BY country"]);
  });

  it("inside a quoted string takes only a date or a number: a saved template written that way still runs its dates and refuses text", async () => {
    const id = await regionQuery(`SELECT country, sum(amount_cents) AS revenue FROM orders WHERE region = '{{ params.region }}' AND paid_at >= ${LAST_MONTH} GROUP BY country`);

    const text = await runWith(id, { region: "APAC' OR '1'='1", now: "2025-09-18T10:00:00Z" });
    expect(text.run.status).toBe("failed");
    expect(text.step.error).toMatch(/^the template at input \/sql: the hole \{\{ params\.region \}\} is inside a quoted string, an identifier or a comment of SQL the tool receives as text/);
    expect(text.received).toEqual([]);

    const dated = await regionQuery(`SELECT country FROM orders WHERE paid_at >= ${LAST_MONTH} AND region = 'EMEA'`);
    const ok = await runWith(dated, { now: "2025-09-18T10:00:00Z" });
    expect(ok.run.status).toBe("succeeded");
    expect(ok.received.map(sqlOf)).toEqual(["SELECT country FROM orders WHERE paid_at >= '2025-08-01' AND region = 'EMEA'"]);
  });
});
