import { isDeepStrictEqual } from "node:util";
import { setAtPointer } from "../../lib/json";
import type { TStep } from "../../lib/automations/schemas";
import { crystallize } from "../../lib/crystallize/crystallize";
import { importTranscript, type TImportFormat } from "../../lib/importers/import-transcript";
import { buildSourceRows } from "../../lib/sources/build-rows";
import { toTranscript } from "../../lib/crystallize/to-transcript";
import { atPointer, listCalls, placeValue, type ListedCall } from "./calls";

// Scores how faithfully vendor transcripts crystallize, against hand-written labels. Pure: the
// caller reads the files. Every tool call is named by its ordinal: its place in call order across
// the file, failed calls included, so reused call ids don't matter.

export type FidelityEdge = {
  to: number;
  /** JSON Pointer into the `to` call's arguments. */
  input_path: string;
  /** The call that produced the value; a list when the value came out of several (a later result echoing it), any of which is right. */
  from: number | number[];
};

export type FidelityLabels = {
  format: TImportFormat;
  /** Calls that must become action steps. */
  steps: number[];
  edges: FidelityEdge[];
  /** Side-effecting calls the user confirmed in chat, which must sit behind an approval gate. */
  gated: number[];
  /** Optional, for explaining misses: calls that failed in-band, and pseudo-tools (think, calculate). */
  failed?: number[];
  pseudo?: number[];
  notes?: string;
};

export type MissKind = "error" | "missing_step" | "extra_step" | "inputs" | "missed_edge" | "extra_binding" | "ungated" | "extra_gate";

/** One reason a run is not faithful. `extra_gate` is reported but not measured. */
export type Miss = { kind: MissKind; detail: string };

export type FixtureScore = {
  name: string;
  format: TImportFormat;
  faithful: boolean;
  error?: string;
  edges: { labelled: number; found: number };
  bindings: { produced: number; matching: number };
  gated: { labelled: number; found: number };
  misses: Miss[];
};

export type CorpusScore = {
  runs: number;
  faithful: number;
  edges: { labelled: number; found: number };
  bindings: { produced: number; matching: number };
  gated: { labelled: number; found: number };
  fixtures: FixtureScore[];
};

export type Measures = { faithful: number; edgeRecall: number; bindingPrecision: number; gated: number };

export const TARGETS: Measures = { faithful: 0.995, edgeRecall: 0.98, bindingPrecision: 0.92, gated: 0.97 };

const froms = (e: FidelityEdge) => (Array.isArray(e.from) ? e.from : [e.from]);

/** Imports, crystallizes and scores one file. Never throws: a failure scores as an unfaithful run. */
export function scoreFixture(name: string, text: string, labels: FidelityLabels): FixtureScore {
  const score: FixtureScore = {
    name,
    format: labels.format,
    faithful: false,
    edges: { labelled: labels.edges.length, found: 0 },
    bindings: { produced: 0, matching: 0 },
    gated: { labelled: labels.gated.length, found: 0 },
    misses: [],
  };
  let listed: ListedCall[] = [];
  const describe = (ordinal: number) => `#${ordinal} ${listed[ordinal]?.tool ?? "?"}`;
  const failAll = (stage: string, err: unknown) => {
    score.error = `${stage}: ${err instanceof Error ? err.message : String(err)}`;
    score.misses.push({ kind: "error", detail: score.error });
    for (const e of labels.edges) score.misses.push({ kind: "missed_edge", detail: `${edgeText(e, describe)}: not crystallized (${placementText(listed, e)})` });
    for (const g of labels.gated) score.misses.push({ kind: "ungated", detail: `${describe(g)}: not crystallized` });
    return score;
  };

  let imported: ReturnType<typeof importTranscript>;
  try {
    imported = importTranscript(labels.format, text);
    listed = listCalls(imported.messages);
  } catch (err) {
    return failAll("import", err);
  }
  let rows: ReturnType<typeof buildSourceRows>;
  try {
    rows = buildSourceRows({ owner: { runId: "run_x" }, messages: imported.messages });
  } catch (err) {
    return failAll("building rows", err);
  }
  let result: ReturnType<typeof crystallize>;
  try {
    const transcript = toTranscript(
      { source: { type: "agent_run", id: "run_x" }, label: imported.agent ?? name, input: imported.input },
      rows.messageRows.map((m) => ({ id: m.id, role: m.role, text: m.text })),
      rows.callRows,
    );
    result = crystallize(transcript);
  } catch (err) {
    return failAll("crystallize", err);
  }

  const ordinalOfRow = new Map(rows.callRows.map((c) => [c.id, c.position]));
  const argsOf = new Map(rows.callRows.map((c) => [c.position, c.arguments]));
  const steps = expandLoops(result.definition.steps, (id) => argsOf.get(ordinalOfRow.get(id) ?? -1) as Record<string, unknown> | undefined);
  const gates = steps.filter((s) => s.type === "approval_gate");
  const gateKeys = new Set(gates.map((g) => g.key));
  const actions = steps.filter((s) => s.type === "action");
  const stepOf = new Map<number, TStep>();
  const ordinalOfKey = new Map<string, number>();
  for (const s of actions) {
    const ordinal = s.source ? ordinalOfRow.get(s.source.tool_call_id) : undefined;
    if (ordinal === undefined) {
      score.misses.push({ kind: "extra_step", detail: `step ${s.key} has no source call` });
      continue;
    }
    if (stepOf.has(ordinal)) score.misses.push({ kind: "extra_step", detail: `${describe(ordinal)} became two steps (${stepOf.get(ordinal)!.key}, ${s.key})` });
    stepOf.set(ordinal, s);
    ordinalOfKey.set(s.key, ordinal);
  }

  // Steps: exactly the labelled calls, each with the call's arguments as its inputs.
  const wanted = new Set(labels.steps);
  for (const o of labels.steps) if (!stepOf.has(o)) score.misses.push({ kind: "missing_step", detail: `${describe(o)} is not a step` });
  for (const [o, s] of stepOf) {
    if (!wanted.has(o)) score.misses.push({ kind: "extra_step", detail: `${describe(o)} became step ${s.key}${whyNotAStep(o, labels)}` });
    else if (!isDeepStrictEqual(s.inputs, argsOf.get(o))) score.misses.push({ kind: "inputs", detail: `${describe(o)}: step inputs differ from the call's arguments` });
  }
  score.faithful = !score.misses.length;

  // Edges and bindings.
  const matches = (toOrdinal: number, path: string, fromKey: string) =>
    labels.edges.some((e) => e.to === toOrdinal && e.input_path === path && froms(e).some((f) => stepOf.get(f)?.key === fromKey));
  for (const e of labels.edges) {
    const step = stepOf.get(e.to);
    const fromKeys = froms(e).map((f) => stepOf.get(f)?.key);
    // A pick reads the producer through a template (its element chosen by a property): the same edge.
    const found =
      step?.bindings.some((b) => b.input_path === e.input_path && fromKeys.includes(b.from_step)) ||
      step?.templates?.some((t) => t.inferred === "pick" && t.input_path === e.input_path && fromKeys.some((k) => k && t.template.includes(`steps.${k}.output`)));
    if (found) score.edges.found++;
    else {
      const other = step?.bindings.find((b) => b.input_path === e.input_path);
      const why = !step ? "the call is not a step" : other ? `bound to ${other.from_step} instead` : `no binding (${placementText(listed, e)})`;
      score.misses.push({ kind: "missed_edge", detail: `${edgeText(e, describe)}: ${why}` });
    }
  }
  const pickReads = (s: TStep) =>
    (s.templates ?? []).flatMap((t) => (t.inferred === "pick" ? [{ input_path: t.input_path, from_step: /steps\.([a-z][a-z0-9_]*)\.output/.exec(t.template)?.[1] ?? "", output_path: "(pick)" }] : []));
  for (const [o, s] of stepOf)
    for (const b of [...s.bindings, ...pickReads(s)]) {
      score.bindings.produced++;
      if (matches(o, b.input_path, b.from_step)) score.bindings.matching++;
      else {
        const from = ordinalOfKey.get(b.from_step);
        const note = from !== undefined && labels.pseudo?.includes(from) ? " (from a pseudo-tool)" : "";
        score.misses.push({ kind: "extra_binding", detail: `${describe(o)} ${b.input_path} ← ${from === undefined ? b.from_step : describe(from)} ${b.output_path || "/"}${note}` });
      }
    }

  // Approval gates.
  const gatedOrdinals = new Set<number>();
  for (const [o, s] of stepOf) {
    const row = rows.callRows.find((c) => c.position === o)!;
    if (gates.some((g) => g.source?.tool_call_id === row.id) || s.depends_on.some((d) => gateKeys.has(d))) gatedOrdinals.add(o);
  }
  for (const o of labels.gated) {
    if (gatedOrdinals.has(o)) score.gated.found++;
    else score.misses.push({ kind: "ungated", detail: `${describe(o)}: ${stepOf.has(o) ? "no approval gate" : "not a step"}` });
  }
  for (const g of gates) {
    const o = g.source ? ordinalOfRow.get(g.source.tool_call_id) : undefined;
    if (o === undefined || !labels.gated.includes(o)) score.misses.push({ kind: "extra_gate", detail: `${g.key} gates ${o === undefined ? "no call" : describe(o)}${o !== undefined && labels.pseudo?.includes(o) ? " (a pseudo-tool)" : ""}` });
  }
  return score;
}

/**
 * A loop stands for several calls: scored as one step per call, each bound to its element of the
 * list (and reading its own inputs where the item feeds them), and readers of one iteration's
 * output (`/2/id`) as readers of that call.
 */
function expandLoops(steps: TStep[], argsOfCall: (id: string) => Record<string, unknown> | undefined): TStep[] {
  const memberKey = new Map<string, string[]>();
  const out: TStep[] = [];
  for (const s of steps) {
    const loop = s.for_each;
    const calls = s.source?.loop_calls;
    if (!loop || !calls || !("from_step" in loop.items)) {
      out.push(s);
      continue;
    }
    const items = loop.items;
    const keys = calls.map((_, j) => (j === 0 ? s.key : `${s.key}#${j}`));
    memberKey.set(s.key, keys);
    calls.forEach((id, j) => {
      let inputs: unknown = s.inputs;
      for (const b of loop.bind) inputs = setAtPointer(inputs, b.input_path, atPointer(argsOfCall(id) ?? {}, b.input_path)) ?? inputs;
      const fromItem = loop.bind.map((b) => ({ input_path: b.input_path, from_step: items.from_step, output_path: `${items.output_path}/${j}${b.item_path}` }));
      const { for_each: _loop, ...rest } = s;
      out.push({ ...rest, key: keys[j]!, inputs: inputs as Record<string, unknown>, bindings: [...s.bindings, ...fromItem], source: { ...s.source!, tool_call_id: id } });
    });
  }
  if (memberKey.size === 0) return steps;
  const reader = (b: TStep["bindings"][number]) => {
    const keys = memberKey.get(b.from_step);
    const m = keys && /^\/(\d+)(.*)$/.exec(b.output_path);
    return m && keys[Number(m[1])] ? { ...b, from_step: keys[Number(m[1])]!, output_path: m[2]! } : b;
  };
  return out.map((s) => ({ ...s, bindings: s.bindings.map(reader), depends_on: s.depends_on.flatMap((d) => memberKey.get(d) ?? [d]) }));
}

function whyNotAStep(o: number, labels: FidelityLabels) {
  if (labels.failed?.includes(o)) return " (it failed in-band)";
  if (labels.pseudo?.includes(o)) return " (a pseudo-tool)";
  return "";
}

function edgeText(e: FidelityEdge, describe: (o: number) => string) {
  return `${describe(e.to)} ${e.input_path} ← ${froms(e).map(describe).join(" or ")}`;
}

const PLACEMENTS = {
  json: "value in a JSON result",
  "json-text": "value in JSON text inside the result",
  "whole-text": "value is the whole text result",
  "text-line": "value is a line of a text result",
  "text-token": "value is a token of a line of a text result",
} as const;

function placementText(listed: ListedCall[], e: FidelityEdge) {
  const to = listed[e.to];
  const from = listed[froms(e)[0]!];
  const placement = to && from ? placeValue(atPointer(to.arguments, e.input_path), from.result) : null;
  return placement ? PLACEMENTS[placement] : "value not found in the result";
}

export function scoreCorpus(fixtures: { name: string; text: string; labels: FidelityLabels }[]): CorpusScore {
  const scored = fixtures.map((f) => scoreFixture(f.name, f.text, f.labels));
  const sum = (pick: (s: FixtureScore) => number) => scored.reduce((n, s) => n + pick(s), 0);
  return {
    runs: scored.length,
    faithful: scored.filter((s) => s.faithful).length,
    edges: { labelled: sum((s) => s.edges.labelled), found: sum((s) => s.edges.found) },
    bindings: { produced: sum((s) => s.bindings.produced), matching: sum((s) => s.bindings.matching) },
    gated: { labelled: sum((s) => s.gated.labelled), found: sum((s) => s.gated.found) },
    fixtures: scored,
  };
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

export function measures(score: CorpusScore): Measures {
  return {
    faithful: ratio(score.faithful, score.runs),
    edgeRecall: ratio(score.edges.found, score.edges.labelled),
    bindingPrecision: ratio(score.bindings.matching, score.bindings.produced),
    gated: ratio(score.gated.found, score.gated.labelled),
  };
}

/** The table of the four measures, then each fixture's misses. */
export function formatReport(score: CorpusScore): string {
  const m = measures(score);
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const row = (label: string, n: number, d: number, value: number, target: number) =>
    `${label.padEnd(34)}${`${n}/${d}`.padStart(9)}${pct(value).padStart(10)}   ≥ ${(target * 100).toFixed(1)} %${value >= target ? "" : "   MISSED"}`;
  const lines = [
    `Fidelity over ${score.runs} vendor transcripts`,
    "",
    `${"measure".padEnd(34)}${"count".padStart(9)}${"score".padStart(10)}   target`,
    row("runs imported and faithful", score.faithful, score.runs, m.faithful, TARGETS.faithful),
    row("edge recall", score.edges.found, score.edges.labelled, m.edgeRecall, TARGETS.edgeRecall),
    row("binding precision", score.bindings.matching, score.bindings.produced, m.bindingPrecision, TARGETS.bindingPrecision),
    row("confirmed calls gated", score.gated.found, score.gated.labelled, m.gated, TARGETS.gated),
    "",
  ];
  const counts = new Map<MissKind, number>();
  for (const f of score.fixtures) {
    const mark = f.faithful ? "faithful" : "NOT faithful";
    lines.push(`${f.name} (${f.format}): ${mark}; edges ${f.edges.found}/${f.edges.labelled}, bindings ${f.bindings.matching}/${f.bindings.produced}, gated ${f.gated.found}/${f.gated.labelled}`);
    for (const miss of f.misses) {
      lines.push(`  ${miss.kind.padEnd(14)} ${miss.detail}`);
      counts.set(miss.kind, (counts.get(miss.kind) ?? 0) + 1);
    }
  }
  lines.push("", `Misses: ${[...counts].map(([k, n]) => `${k} ${n}`).join(", ") || "none"} (extra_gate is not measured)`);
  return lines.join("\n");
}
