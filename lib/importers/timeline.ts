import type { TMessageInput, TToolCallInput } from "../sources/schemas";
import { MAX_SOURCE_TOOL_CALLS, tooManyToolCalls } from "../sources/limits";
import { Skips } from "./skips";
import { importError, type ImportResult } from "./types";

type Outcome = { result?: unknown; error?: string; ended_at?: string };

/**
 * Builds native messages for formats that record calls and their results as separate records
 * (traces, logs, step lists). Calls made in a row share one assistant message; a result is set on
 * its call, so the stored call carries result, status and times together. Call ids may repeat
 * (some frameworks reuse them): a result settles the latest call of its id that has none yet.
 */
export class Timeline {
  readonly messages: TMessageInput[] = [];
  readonly skips = new Skips();
  /** Calls by id, in the order they were made. */
  private calls = new Map<string, TToolCallInput[]>();
  private settled = new WeakSet<TToolCallInput>();
  private callCount = 0;
  private openCall = false;

  /** `field` is what an error about the whole file names. */
  constructor(private readonly field = "body.transcript") {}

  say(role: TMessageInput["role"], content: string) {
    if (content === "") return;
    this.messages.push({ role, content });
    this.openCall = false;
  }

  call(call: TToolCallInput, _where: string) {
    // Stops reading at the first call past the limit instead of building the whole file.
    if (this.callCount >= MAX_SOURCE_TOOL_CALLS) throw tooManyToolCalls(this.field);
    const last = this.messages.at(-1);
    if (this.openCall && last?.role === "assistant") (last.tool_calls ??= []).push(call);
    else this.messages.push({ role: "assistant", content: "", tool_calls: [call] });
    this.openCall = true;
    this.callCount++;
    const same = this.calls.get(call.id);
    if (same) same.push(call);
    else this.calls.set(call.id, [call]);
  }

  has(id: string) {
    return this.calls.has(id);
  }

  /**
   * Records the outcome of an earlier call: the latest of that id without one. A result for an
   * unknown call, or for calls that all have theirs, is an error in the file.
   */
  settle(id: string, outcome: Outcome, where: string) {
    const same = this.calls.get(id);
    if (!same) throw importError(where, `no tool call "${id}" before this result`);
    const call = same.findLast((c) => !this.settled.has(c));
    if (!call) throw importError(where, `every tool call "${id}" before this result has its result already`);
    this.settled.add(call);
    if (outcome.error !== undefined) Object.assign(call, { status: "failed", error: outcome.error.slice(0, 10_000) || "Tool reported an error" });
    else Object.assign(call, { status: "succeeded", result: outcome.result ?? null });
    if (outcome.ended_at) call.ended_at = outcome.ended_at;
  }

  result(extra: Omit<ImportResult, "messages" | "skipped"> = {}): ImportResult {
    return { messages: this.messages, skipped: this.skips.list(), ...extra };
  }
}
