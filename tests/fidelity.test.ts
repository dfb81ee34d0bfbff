import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importTranscript } from "../lib/importers/import-transcript";
import { atPointer, listCalls, placeValue } from "../scripts/fidelity/calls";
import { loadCorpus } from "../scripts/fidelity/corpus";
import { formatReport, measures, scoreCorpus, scoreFixture, TARGETS, type FixtureScore, type MissKind } from "../scripts/fidelity/score";

// Real agent transcripts (OpenAI chat tool_calls, legacy function_call, Claude Code sessions) with
// hand-written labels: which calls are steps, where data flowed, which calls the user confirmed.

const corpus = loadCorpus();

describe("the fidelity corpus", () => {
  it("holds at least 24 transcripts, roughly a third from each family", () => {
    const family = (f: (typeof corpus)[number]) =>
      f.labels.format === "jsonl-session" ? "claude-code" : /"function_call":\s*\{/.test(f.text) ? "legacy-function-call" : "chat-tool-calls";
    const counts = new Map<string, number>();
    for (const f of corpus) counts.set(family(f), (counts.get(family(f)) ?? 0) + 1);
    expect(corpus.length).toBeGreaterThanOrEqual(24);
    expect([...counts.keys()].sort()).toEqual(["chat-tool-calls", "claude-code", "legacy-function-call"]);
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(Math.floor(corpus.length / 4));
  });

  it.each(corpus.map((f) => [f.name, f] as const))("%s: labels name real calls, and each edge's value is in its producer's result", (_name, f) => {
    const calls = listCalls(importTranscript(f.labels.format, f.text).messages);
    const all = calls.map((c) => c.ordinal);
    const { steps, gated, failed = [], pseudo = [], edges } = f.labels;
    // Every call is accounted for exactly once: a step or an in-band failure. Pseudo-tools are
    // steps too (the run made them), listed again to explain misses.
    expect([...steps, ...failed].sort((a, b) => a - b)).toEqual(all);
    expect(pseudo.every((p) => steps.includes(p))).toBe(true);
    expect(gated.filter((g) => !steps.includes(g))).toEqual([]);
    for (const e of edges) {
      const from = Array.isArray(e.from) ? e.from : [e.from];
      expect({ edge: e, to: steps.includes(e.to), from: from.every((o) => steps.includes(o) && o < e.to) }).toEqual({ edge: e, to: true, from: true });
      const value = atPointer(calls[e.to]!.arguments, e.input_path);
      expect(value, `${f.name}: #${e.to} has nothing at ${e.input_path}`).toBeDefined();
      for (const o of from) expect({ edge: e, from: o, placed: placeValue(value, calls[o]!.result) !== null }).toEqual({ edge: e, from: o, placed: true });
    }
  });
});

describe("the scorer", () => {
  const chat = readFileSync(path.join(import.meta.dirname, "fixtures/imports/openai-chat.json"), "utf8");

  it("finds a faithful run faithful, with its edge", () => {
    const s = scoreFixture("chat", chat, { format: "openai-chat", steps: [0, 1], edges: [{ to: 1, input_path: "/rows", from: 0 }], gated: [] });
    expect(s).toMatchObject({ faithful: true, edges: { labelled: 1, found: 1 }, bindings: { produced: 1, matching: 1 }, misses: [] });
  });

  it("names each miss: a missing step, a missed edge, an extra binding, an ungated call", () => {
    const s = scoreFixture("chat", chat, { format: "openai-chat", steps: [1], edges: [{ to: 1, input_path: "/title", from: 0 }], gated: [1] });
    expect(s.faithful).toBe(false);
    expect(s.misses.map((m) => m.kind)).toEqual(["extra_step", "missed_edge", "extra_binding", "ungated"]);
  });

  it("scores a transcript that cannot be imported as unfaithful, with every edge and gate missed", () => {
    const s = scoreFixture("broken", "{not json", { format: "openai-chat", steps: [0], edges: [{ to: 1, input_path: "/a", from: 0 }], gated: [1] });
    expect(s).toMatchObject({ faithful: false, edges: { labelled: 1, found: 0 }, gated: { labelled: 1, found: 0 } });
    expect(s.misses.map((m) => m.kind)).toEqual(["error", "missed_edge", "ungated"]);
  });
});

describe("crystallizing the corpus", () => {
  const score = scoreCorpus(corpus);
  const m = measures(score);
  // A failing target prints the misses that explain it.
  const misses = (...kinds: MissKind[]) =>
    score.fixtures
      .flatMap((f: FixtureScore) => f.misses.filter((x) => kinds.includes(x.kind)).map((x) => `${f.name}: ${x.kind} ${x.detail}`))
      .join("\n");

  it("prints the report", () => {
    expect(formatReport(score)).toContain("edge recall");
  });

  it(`crystallizes at least ${TARGETS.faithful * 100} % of runs faithfully`, () => {
    expect(m.faithful, misses("error", "missing_step", "extra_step", "inputs")).toBeGreaterThanOrEqual(TARGETS.faithful);
  });

  it(`finds at least ${TARGETS.edgeRecall * 100} % of the labelled edges as bindings`, () => {
    expect(m.edgeRecall, misses("missed_edge")).toBeGreaterThanOrEqual(TARGETS.edgeRecall);
  });

  it(`keeps binding precision at ${TARGETS.bindingPrecision * 100} % or more`, () => {
    expect(m.bindingPrecision, misses("extra_binding")).toBeGreaterThanOrEqual(TARGETS.bindingPrecision);
  });

  it(`puts at least ${TARGETS.gated * 100} % of confirmed calls behind an approval gate`, () => {
    expect(m.gated, misses("ungated")).toBeGreaterThanOrEqual(TARGETS.gated);
  });
});
