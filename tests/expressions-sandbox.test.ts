import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as agentRuns from "../app/api/v1/agents/runs/route";
import * as crystallizeRun from "../app/api/v1/agents/runs/[run_id]/crystallize/route";
import * as automations from "../app/api/v1/automations/route";
import * as replay from "../app/api/v1/automations/[automation_id]/replay/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import * as me from "../app/api/v1/me/route";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { closeExpressionPool } from "../lib/engine/expressions/pool";
import { call, sampleMeWhile as sampleMe, seedWorkspace } from "./helpers";
import { waitForRun } from "./engine-helpers";

// Tenants' JSONata runs away in two ways: it loops (an endless tail recursion, a range of ten
// million) or it allocates without end. Either must fail its own step within a bound while the
// server keeps answering everyone else, and the next expression must work as before.

// A smaller cap than the default 5 s, so the runaways end sooner here; the heap is the default 128 MB.
process.env.EXPRESSION_TIMEOUT_MS = "4000";

const TAIL_RECURSION = "($f := function($x){ $f($x) }; $f(1))";
const BIG_RANGE = "$sum([1..10000000].($ * 2))";
/** BIG_RANGE is stopped by whichever bound it reaches first: the time cap, or on a fast machine the heap cap. */
const BIG_RANGE_STOPPED = /^expression (did not finish within 4000 ms: stopped|exceeded its memory limit \(128 MB\))$/;
/**
 * The bound: /me answers in under 200 ms while an expression runs away (typically, so the
 * median; on two shared cores one sample can be slower), and never anywhere near the evaluation's
 * own length, which a stalled event loop would show (every runaway here lasts over a second).
 */
function expectResponsive(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  expect(samples.length).toBeGreaterThanOrEqual(5);
  expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(200);
  expect(sorted.at(-1)).toBeLessThan(1_000);
}

let ws: { workspaceId: string; key: string };
beforeAll(async () => {
  ws = await seedWorkspace("Sandbox workspace");
  await startEngine(4);
  // Warm: the first request of a process and the first evaluator's start are not what is measured.
  expect((await call(me.GET, { key: ws.key })).status).toBe(200);
  expect((await waitForRun(ws.key, await runSteps([transformStep("1")]))).status).toBe("succeeded");
});
afterAll(async () => {
  await stopEngine();
  closeExpressionPool();
});

async function runSteps(steps: unknown[]) {
  const created = await call(automations.POST, { key: ws.key, body: { name: `sandbox ${Math.random()}`, definition: { steps, parameters: [] } } });
  expect(created.status).toBe(201);
  const run = await call(autoRuns.POST, { key: ws.key, params: { automation_id: created.json.id }, body: { input: {} }, method: "POST" });
  expect(run.status).toBe(201);
  return run.json.id as string;
}

const transformStep = (expression: string, extra: Record<string, unknown> = {}) => ({
  key: "t",
  type: "action",
  action_kind: "transform",
  inputs: { expression, data: { rows: [{ sum: 1 }, { sum: 2.5 }] } },
  depends_on: [],
  ...extra,
});

/** GET /me samples, spread over the whole evaluation, until `work` settles. */
const sampleMeWhile = <T>(work: Promise<T>, pauseMs?: number) => sampleMe(ws.key, work, pauseMs);

const stepOf = (run: { steps: { step_key: string }[] }, key: string) => run.steps.find((s) => s.step_key === key) as Record<string, unknown>;

describe("a runaway expression", () => {
  it("an endless recursion fails its step at the step's timeout_ms, and the server answers meanwhile", async () => {
    const t0 = Date.now();
    const runId = await runSteps([transformStep(TAIL_RECURSION, { timeout_ms: 1500 })]);
    const { value: run, samples } = await sampleMeWhile(waitForRun(ws.key, runId, undefined, 30_000));
    expect(run.status).toBe("failed");
    // The step's timeout and the evaluation's deadline are the same 1500 ms: either may say so first,
    // and either way the evaluator process is ended.
    expect(stepOf(run, "t").error).toMatch(/^(expression did not finish within 1500 ms: stopped|timed out after 1500 ms)$/);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expectResponsive(samples);
  }, 60_000);

  it("a range of ten million fails its step at the instance's cap, and the server answers meanwhile", async () => {
    const t0 = Date.now();
    const runId = await runSteps([transformStep(BIG_RANGE)]);
    const { value: run, samples } = await sampleMeWhile(waitForRun(ws.key, runId, undefined, 30_000));
    expect(run.status).toBe("failed");
    expect(stepOf(run, "t").error).toMatch(BIG_RANGE_STOPPED);
    // The failure is final: a retry would only run away again.
    expect(stepOf(run, "t").attempts).toBe(1);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expectResponsive(samples);
  }, 60_000);

  it("a deep (non-tail) recursion fails at once as a stack overflow", async () => {
    const t0 = Date.now();
    const runId = await runSteps([transformStep("($f := function($x){ 1 + $f($x) }; $f(1))")]);
    const run = await waitForRun(ws.key, runId, undefined, 30_000);
    expect(run.status).toBe("failed");
    expect(stepOf(run, "t").error).toMatch(/^expression recursed too deeply \(stack overflow\): Stack overflow/);
    // Well inside the 4 s cap: it is the depth guard that stopped it, not the deadline.
    expect(Date.now() - t0).toBeLessThan(4_000);
  }, 60_000);

  it("an expression that allocates without end fails with the memory error; the server and the next expression are fine", async () => {
    // A small heap, so the limit is reached well before the deadline; new evaluators take it up.
    process.env.EXPRESSION_MEMORY_MB = "48";
    closeExpressionPool();
    let run;
    let samples: number[];
    try {
      const runId = await runSteps([transformStep("[1..10000000] ~> $append([1..10000000]) ~> $append([1..10000000])")]);
      // Sampled closely: on a fast machine the small heap is used up in a few hundred ms.
      ({ value: run, samples } = await sampleMeWhile(waitForRun(ws.key, runId, undefined, 30_000), 20));
    } finally {
      delete process.env.EXPRESSION_MEMORY_MB;
      closeExpressionPool();
    }
    expect(run.status).toBe("failed");
    expect(stepOf(run, "t").error).toBe("expression exceeded its memory limit (48 MB)");
    expectResponsive(samples);

    const next = await waitForRun(ws.key, await runSteps([transformStep("$sum(rows.sum)")]));
    expect(next.status).toBe("succeeded");
    expect(stepOf(next, "t").output).toBe(3.5);
  }, 60_000);
});

describe("ordinary expressions", () => {
  it("give the same results as before: plain JSON, $inputs bound, errors named", async () => {
    const runId = await runSteps([
      transformStep("rows.{ 'n': sum * 2 }"),
      { key: "inputs", type: "action", action_kind: "transform", inputs: { expression: "$inputs.extra & '!'", extra: "hi" }, depends_on: [] },
      { key: "nothing", type: "action", action_kind: "transform", inputs: { expression: "missing", data: {} }, depends_on: [] },
      { key: "date", type: "action", action_kind: "transform", inputs: { expression: "$fromMillis(0)", data: {} }, depends_on: [] },
      { key: "cond", type: "condition", inputs: { expression: "$count(rows) > 1", data: { rows: [1, 2] } }, depends_on: [], branches: { true: ["yes"], false: [] } },
      { key: "yes", type: "action", action_kind: "transform", inputs: { expression: "'taken'", data: {} }, depends_on: ["cond"] },
    ]);
    const run = await waitForRun(ws.key, runId);
    expect(run.status).toBe("succeeded");
    expect(stepOf(run, "t").output).toEqual([{ n: 2 }, { n: 5 }]);
    expect(stepOf(run, "inputs").output).toBe("hi!");
    expect(stepOf(run, "nothing").output).toBeNull();
    expect(stepOf(run, "date").output).toBe("1970-01-01T00:00:00.000Z");
    expect(stepOf(run, "cond").output).toEqual({ result: true, value: true });
    expect(stepOf(run, "yes").output).toBe("taken");

    const bad = await waitForRun(ws.key, await runSteps([transformStep("$number('x') + $unknownFn()")]));
    expect(bad.status).toBe("failed");
    expect(stepOf(bad, "t").error).toMatch(/^expression failed: /);
  }, 60_000);
});

describe("the replay check", () => {
  it("answers in bounded time with a runaway transform failed, and the server answers meanwhile", async () => {
    const source = await call(agentRuns.POST, {
      key: ws.key,
      body: {
        agent: "sandbox-agent",
        status: "succeeded",
        input: { task: "double and add the numbers" },
        messages: [
          { role: "user", content: "double and add the numbers" },
          {
            role: "assistant",
            content: "Computing.",
            tool_calls: [{ id: "call_sum", tool: "transform", arguments: { expression: BIG_RANGE, data: {} }, result: 1, status: "succeeded" }],
          },
        ],
      },
    });
    expect(source.status).toBe(201);
    const crystal = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: source.json.id }, body: {}, method: "POST" });
    expect(crystal.status).toBe(201);
    const automationId = crystal.json.automation.id as string;

    const t0 = Date.now();
    const { value: rep, samples } = await sampleMeWhile(call(replay.POST, { key: ws.key, params: { automation_id: automationId }, body: {}, method: "POST" }));
    expect(rep.status).toBe(200);
    expect(rep.json.steps).toEqual([
      expect.objectContaining({ mode: "executed", verdict: "failed", error: expect.stringMatching(BIG_RANGE_STOPPED) }),
    ]);
    expect(rep.json.reproduces).toBe(false);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expectResponsive(samples);
  }, 60_000);
});
