// npm run bench:generalize: does an automation crystallized from one run of a task do what the
// agent did on another day, for another user, over other data?
//
// Each pair (scripts/generalize/pairs-*.ts) is the same task run twice. Run 1 is crystallized
// (lib/crystallize); the automation then runs on the engine against run 2's world: an HTTP tool
// provider answering each (tool, arguments) with run 2's recorded result (404 for a call run 2
// never made), the run's `now` set to run 2's start, and run 2's user-supplied values as input
// (a parameter whose default is run 1's value gets run 2's). A pair is reproduced when the
// automation made exactly run 2's calls, compared as multisets of (tool, canonical arguments):
// order between calls is not checked. Approval gates are approved as soon as they open.
//
// Flags: --verbose prints each automation's steps; --only <name> runs the pairs whose name
// contains <name>. Exits 0 whatever the share: it is a benchmark; 1 only if the harness breaks.
import type { TDefinition } from "../lib/automations/schemas";
import type { CrystallizeReport } from "../lib/crystallize/types";
import { compareCalls, type Comparison } from "./generalize/compare";
import { analyticsPairs } from "./generalize/pairs-analytics";
import { filePairs } from "./generalize/pairs-files";
import { servicePairs } from "./generalize/pairs-service";
import type { Pair } from "./generalize/transcript";
import { effectiveCalls, startWorldServer, worldOf } from "./generalize/world";

// The database is an in-memory PGlite of this process, whatever the environment says; the tool
// server listens on loopback, which the workspace may reach only if the operator permits it.
delete process.env.DATABASE_URL;
process.env.DATA_DIR = "memory://";
process.env.SEED_DEMO = "0";
process.env.CRYSTALLIZE_EGRESS_PERMIT = [process.env.CRYSTALLIZE_EGRESS_PERMIT, "127.0.0.1"].filter(Boolean).join(",");

const TERMINAL = new Set(["succeeded", "failed", "canceled"]);
const RUN_TIMEOUT_MS = 20_000;

type Outcome = {
  pair: Pair;
  reproduced: boolean;
  /** The harness's one-line reason when the pair could not be run at all. */
  blocked?: string;
  comparison?: Comparison;
  expected: number;
  received: number;
  runStatus?: string;
  stepErrors: string[];
  approvals: number;
  input: Record<string, unknown>;
  unmappedParameters: string[];
  definition?: TDefinition;
  report?: CrystallizeReport;
};

async function main() {
  const args = process.argv.slice(2);
  const verbose = args.includes("--verbose");
  const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;

  const { getDb, closeDb } = await import("../lib/db");
  const { startEngine, stopEngine } = await import("../lib/engine/engine");
  const { createAutomation } = await import("../lib/automations/create-automation");
  const { startRun } = await import("../lib/runs/start-run");
  const { getRunOrThrow } = await import("../lib/runs/get-run");
  const { decideApproval } = await import("../lib/approvals/decide-approval");
  const { crystallize } = await import("../lib/crystallize/crystallize");
  const { getActionKind } = await import("../lib/actions/registry");
  const { canonicalJson } = await import("../lib/json");
  const { newId } = await import("../lib/ids");

  const started = performance.now();
  const pairs = [...analyticsPairs(), ...servicePairs(), ...filePairs()].filter((p) => !only || p.name.includes(only));
  const names = new Set<string>();
  for (const p of pairs) {
    if (names.has(p.name)) throw new Error(`two pairs are named ${p.name}`);
    names.add(p.name);
  }

  // Every tool the runs called is served by the world server; none may be a built-in kind, or the
  // engine would run its own executor instead of asking run 2's world.
  const tools = [...new Set(pairs.flatMap((p) => [...effectiveCalls(p.run1), ...effectiveCalls(p.run2)].map((c) => c.tool)))].sort();
  const builtin = tools.filter((t) => getActionKind(t));
  if (builtin.length) throw new Error(`tools ${builtin.join(", ")} are built-in action kinds: rename them in the pairs`);

  const server = await startWorldServer();
  const db = await getDb();
  const ws = await db.workspace.create({ data: { id: newId("ws"), name: "generalization bench", egressAllowList: ["127.0.0.1"] } });
  await db.toolProvider.create({
    data: { id: newId("tp"), workspaceId: ws.id, name: "run 2's world", kind: "http", config: { url: server.url, headers: {} }, tools: tools.map((name) => ({ name })) },
  });
  await startEngine(2);

  const outcomes: Outcome[] = [];
  for (const pair of pairs) {
    const world = worldOf(pair.run2);
    const expected = effectiveCalls(pair.run2).map(({ tool, args }) => ({ tool, args }));
    const base: Outcome = { pair, reproduced: false, expected: expected.length, received: 0, stepErrors: [], approvals: 0, input: {}, unmappedParameters: [] };

    let definition: TDefinition;
    let report: CrystallizeReport;
    try {
      ({ definition, report } = crystallize(pair.run1, pair.timeZone ? { time_zone: pair.timeZone } : {}));
    } catch (err) {
      outcomes.push({ ...base, blocked: `crystallize threw: ${(err as Error).message}` });
      continue;
    }

    // Run 2's input: each parameter whose default run 1's user said gets what run 2's user said.
    const input: Record<string, unknown> = { now: pair.run2.startedAt };
    const unmapped: string[] = [];
    for (const p of definition.parameters) {
      const swap = pair.userValues.find(([v1]) => canonicalJson(v1) === canonicalJson(p.default));
      if (swap) input[p.name] = swap[1];
      else unmapped.push(`${p.name} = ${JSON.stringify(p.default)}`);
    }
    const made = { ...base, definition, report, input, unmappedParameters: unmapped };

    let automationId: string;
    try {
      automationId = (await db.$transaction((tx) => createAutomation(tx, { workspaceId: ws.id, name: pair.name, definition, author: "bench", sourceType: "CRYSTALLIZED", sourceId: pair.run1.source.id })))
        .id;
    } catch (err) {
      outcomes.push({ ...made, blocked: `the automation was refused: ${(err as Error).message}` });
      continue;
    }

    server.state.current = world;
    let runId: string;
    try {
      runId = await startRun(db, { workspaceId: ws.id, automationId, trigger: "manual", input });
    } catch (err) {
      server.state.current = null;
      outcomes.push({ ...made, blocked: `the run was refused: ${(err as Error).message}` });
      continue;
    }
    let status = "queued";
    let approvals = 0;
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while (!TERMINAL.has(status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await db.automationRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status;
      if (status === "waiting_for_approval")
        for (const a of await db.approval.findMany({ where: { runId, status: "pending" } })) {
          await decideApproval(db, { workspaceId: ws.id, approvalId: a.id, decision: "approved", by: "bench-generalize" });
          approvals++;
        }
    }
    server.state.current = null;
    const run = await getRunOrThrow(db, { workspaceId: ws.id, runId });
    const stepErrors = run.steps.filter((s) => s.error).map((s) => `${s.step_key}: ${s.error}`);
    if (!TERMINAL.has(status)) stepErrors.push(`the run was still ${status} after ${RUN_TIMEOUT_MS / 1000} s`);
    const comparison = compareCalls(expected, world.received);
    outcomes.push({
      ...made,
      reproduced: comparison.exact && status === "succeeded",
      comparison,
      received: world.received.length,
      runStatus: status,
      stepErrors,
      approvals,
    });
  }

  await stopEngine();
  await server.close();
  await closeDb();
  print(outcomes, verbose, (performance.now() - started) / 1000);
  process.exit(0);
}

function print(outcomes: Outcome[], verbose: boolean, seconds: number) {
  const rows = outcomes.map((o, i) => [
    String(i + 1),
    o.pair.domain,
    o.pair.name,
    o.reproduced ? "yes" : "NO",
    o.blocked ? "-" : `${o.comparison!.matched}/${o.expected}${o.received > o.comparison!.matched ? ` +${o.received - o.comparison!.matched}` : ""}`,
    o.reproduced ? "" : summary(o),
  ]);
  const header = ["#", "domain", "pair", "exact", "calls", "why not"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (c === 5 ? 0 : r[c]!.length))));
  const line = (r: string[]) => r.map((cell, c) => (c === 5 ? cell : cell.padEnd(widths[c]!))).join("  ").trimEnd();
  console.log("Generalization: run 1 crystallized, then run against run 2's recorded world (calls compared as multisets of tool + arguments).");
  console.log("calls = run 2's calls the automation made / run 2's calls (+ calls run 2 never made)\n");
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));

  const failing = outcomes.filter((o) => !o.reproduced);
  if (failing.length) console.log("\nFailing pairs:");
  for (const o of failing) {
    console.log(`\n● ${o.pair.name} (${o.pair.domain}): ${o.pair.about}`);
    for (const l of details(o)) console.log(`    ${l}`);
  }
  if (verbose)
    for (const o of outcomes) {
      console.log(`\n=== ${o.pair.name}: ${o.reproduced ? "reproduced" : "not reproduced"}`);
      console.log(`    input: ${JSON.stringify(o.input)}`);
      for (const s of o.definition?.steps ?? []) console.log(`    ${describeStep(s)}`);
    }

  const n = outcomes.length;
  const ok = outcomes.filter((o) => o.reproduced).length;
  const byDomain = [...new Set(outcomes.map((o) => o.pair.domain))].map((d) => {
    const of = outcomes.filter((o) => o.pair.domain === d);
    return `${d} ${of.filter((o) => o.reproduced).length}/${of.length}`;
  });
  console.log(`\n${byDomain.join(", ")}; ${seconds.toFixed(1)} s`);
  console.log(`generalization: ${ok}/${n} pairs reproduced exactly (${n ? Math.round((ok / n) * 100) : 0}%)`);
}

/** The table's one-line reason. */
function summary(o: Outcome): string {
  if (o.blocked) return o.blocked.slice(0, 120);
  const c = o.comparison!;
  const parts: string[] = [];
  const count = (calls: { tool: string }[]) => {
    const by = new Map<string, number>();
    for (const x of calls) by.set(x.tool, (by.get(x.tool) ?? 0) + 1);
    return [...by].map(([t, k]) => `${k}× ${t}`).join(", ");
  };
  if (c.missing.length) parts.push(`missing ${count(c.missing)}`);
  if (c.extra.length) parts.push(`extra ${count(c.extra)}`);
  if (c.differs.length) parts.push(`args differ: ${count(c.differs)} (${c.differs[0]!.diff[0] ?? "?"})`);
  if (o.runStatus !== "succeeded") parts.push(`run ${o.runStatus}${parts.length === 0 && o.stepErrors.length ? ` (${o.stepErrors[0]})` : ""}`);
  return clip(parts.join("; "), 160);
}

function details(o: Outcome): string[] {
  const out: string[] = [];
  if (o.blocked) return [o.blocked];
  const c = o.comparison!;
  for (const m of c.missing) out.push(`missing: ${m.tool} ${clip(JSON.stringify(m.args))}`);
  for (const e of c.extra) out.push(`extra:   ${e.tool} ${clip(JSON.stringify(e.args))}`);
  for (const d of c.differs) out.push(`differs: ${d.tool}: ${d.diff.slice(0, 3).join("; ")}${d.diff.length > 3 ? ` (+${d.diff.length - 3} more)` : ""}`);
  if (o.runStatus !== "succeeded") out.push(`run ${o.runStatus}${o.stepErrors.length ? `: ${clip(o.stepErrors[0]!, 200)}` : ""}`);
  const r = o.report;
  if (r) {
    const steps = o.definition!.steps;
    out.push(`crystallized: ${steps.length} steps (${steps.filter((s) => s.for_each).length} loops, ${r.approval_gates} gates), ${r.parameters.length} parameters, ${r.relative_dates?.length ?? 0} relative dates`);
    for (const l of r.loops) out.push(`  loop: ${l.step} over ${l.over} (${l.items} items in run 1)`);
    for (const l of r.candidate_loops) out.push(`  candidate loop (not made): ${l.steps.join(", ")}: ${l.reason}`);
    for (const d of r.relative_dates ?? []) out.push(`  date: ${d.step}${d.input_path} ${d.literal} = ${d.relation}`);
    for (const p of r.parameters) out.push(`  parameter: ${p.name} = ${JSON.stringify(p.default)}${o.input[p.name] !== undefined ? ` → run 2: ${JSON.stringify(o.input[p.name])}` : ""}`);
    if (o.pair.userValues.length) {
      const used = new Set(r.parameters.map((p) => JSON.stringify(p.default)));
      for (const [v1] of o.pair.userValues) if (!used.has(JSON.stringify(v1))) out.push(`  user value ${JSON.stringify(v1)} became no parameter`);
    }
  }
  return out;
}

const clip = (s: string, max = 150) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function describeStep(s: TDefinition["steps"][number]): string {
  const loop = s.for_each ? ` for_each ${"from_step" in s.for_each.items ? `${s.for_each.items.from_step}${s.for_each.items.output_path}${s.for_each.items.json !== undefined ? ` json ${s.for_each.items.json}` : ""}${s.for_each.items.lines ? " lines" : ""}` : `params.${s.for_each.items.parameter}`}` : "";
  const binds = s.bindings.map((b) => `${b.input_path}←${b.from_step}${b.output_path}${b.extract ? JSON.stringify(b.extract) : ""}`);
  const params = s.parameter_refs.map((p) => `${p.input_path}←params.${p.parameter}`);
  const templates = (s.templates ?? []).map((t) => `${t.input_path}=${clip(JSON.stringify(t.template), 100)}`);
  return `${s.key} [${s.type === "action" ? s.action_kind : s.type}]${loop} after ${s.depends_on.join(",") || "-"} ${[...binds, ...params, ...templates].join(" | ")}`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
