import { DateTime } from "luxon";
import type { Transcript, TranscriptEvent, TranscriptToolCall } from "../../lib/crystallize/types";

// Builders for the generalization suite's transcripts, in the shape the importers produce: our
// `tc_`/`msg_` ids, the framework's call ids, a start time on the run and on each call.

export type Domain = "analytics" | "customer service" | "files & APIs";

/** The agent framework a run came from: only the look of its call ids differs. */
type Style = "anthropic" | "openai";

/** Deterministic pseudo-random numbers (mulberry32): the suite's data is the same on every run. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789";

/** Records a run as it happens: messages and calls in order, each call a few seconds after the last. */
export class RunRecorder {
  readonly events: TranscriptEvent[] = [];
  private n = 0;
  private clock: DateTime;
  private readonly random: () => number;

  constructor(
    readonly startedAt: string,
    private readonly style: Style,
    seed: number,
  ) {
    this.clock = DateTime.fromISO(startedAt, { setZone: true });
    this.random = rng(seed);
  }

  private frameworkId(): string {
    const body = Array.from({ length: 24 }, () => ALPHABET[Math.floor(this.random() * ALPHABET.length)]).join("");
    return this.style === "anthropic" ? `toolu_01${body}` : `call_${body}`;
  }

  user(text: string) {
    this.events.push({ kind: "message", id: `msg_${++this.n}`, role: "user", text });
    return this;
  }

  assistant(text: string) {
    this.events.push({ kind: "message", id: `msg_${++this.n}`, role: "assistant", text });
    return this;
  }

  /** A call and its result; `extra` for a failed attempt or a recorded approval. Returns the result. */
  call<T>(toolName: string, args: Record<string, unknown>, result: T, extra: Partial<TranscriptToolCall> = {}): T {
    this.clock = this.clock.plus({ seconds: 2 + Math.floor(this.random() * 6) });
    this.events.push({
      kind: "tool_call",
      id: `tc_${++this.n}`,
      callId: this.frameworkId(),
      toolName,
      arguments: args,
      result,
      status: "succeeded",
      startedAt: this.clock.toUTC().toISO(),
      ...extra,
    });
    return result;
  }

  /** A call that failed at the protocol level (a timeout, a 503), before the agent retried it. */
  failedCall(toolName: string, args: Record<string, unknown>, error: string) {
    this.call(toolName, args, null, { status: "failed", error });
  }

  transcript(id: string, label: string, input?: unknown): Transcript {
    return { source: { type: "agent_run", id }, label, startedAt: this.startedAt, ...(input !== undefined ? { input } : {}), events: this.events };
  }
}

/** One task run twice: on different days, for different users, over different data. */
export type Pair = {
  domain: Domain;
  name: string;
  /** What the pair exercises, in a line. */
  about: string;
  /** The zone the automation counts dates in (crystallize's `time_zone`). */
  timeZone?: string;
  run1: Transcript;
  run2: Transcript;
  /**
   * What the user supplied in each run, run 1's value with run 2's: a parameter whose default is
   * run 1's value gets run 2's in the second run's input.
   */
  userValues: [unknown, unknown][];
};

/**
 * A pair from one scenario: the same agent behaviour (`play`) on two days over two data sets.
 * `user` names the values the user supplied in a run, in the same order for both.
 */
export function definePair<D>(p: {
  domain: Domain;
  name: string;
  about: string;
  timeZone?: string;
  style?: Style;
  label: string;
  runs: [{ startedAt: string; data: D }, { startedAt: string; data: D }];
  play: (r: RunRecorder, d: D, at: DateTime) => void;
  user: (d: D) => unknown[];
  /** The run's recorded input, when the framework records one. */
  input?: (d: D) => unknown;
}): Pair {
  const record = ({ startedAt, data }: { startedAt: string; data: D }, i: number) => {
    const r = new RunRecorder(startedAt, p.style ?? "anthropic", hash(`${p.name}:${i}`));
    const zone = p.timeZone ?? "UTC";
    p.play(r, data, DateTime.fromISO(startedAt, { zone }));
    return r.transcript(`run_${p.name.replace(/[^a-z0-9]+/gi, "_")}_${i + 1}`, p.label, p.input?.(data));
  };
  const [u1, u2] = [p.user(p.runs[0].data), p.user(p.runs[1].data)];
  if (u1.length !== u2.length) throw new Error(`${p.name}: the runs name ${u1.length} and ${u2.length} user values`);
  return {
    domain: p.domain,
    name: p.name,
    about: p.about,
    ...(p.timeZone ? { timeZone: p.timeZone } : {}),
    run1: record(p.runs[0], 0),
    run2: record(p.runs[1], 1),
    userValues: u1.map((v, i) => [v, u2[i]]),
  };
}

export function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Every day from `from` (inclusive) to `to` (exclusive), as ISO dates. */
export function daysBetween(from: DateTime, to: DateTime): string[] {
  const out: string[] = [];
  for (let d = from.startOf("day"); d < to.startOf("day"); d = d.plus({ days: 1 })) out.push(d.toISODate()!);
  return out;
}

/** A number with two decimals, as node-postgres returns a numeric column: text. */
export const numeric = (n: number) => n.toFixed(2);
