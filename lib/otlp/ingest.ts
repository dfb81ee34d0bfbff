import type { Db, DbClient } from "../db";
import { jsonValue } from "../db/json";
import { Prisma } from "../generated/prisma/client";
import { newId } from "../ids";
import { ApiError } from "../errors";
import { buildSourceRows } from "../sources/build-rows";
import { MAX_SOURCE_TOOL_CALLS } from "../sources/limits";
import { writeSourceRows } from "../sources/write-rows";
import type { Span } from "../importers/otlp-decode";
import { traceToRun } from "../importers/otlp-to-run";

export type IngestedRun = { id: string; trace_id: string; status: "running" | "succeeded" | "failed"; tool_calls: number };

/** Spans one trace may hold: its tool calls plus model calls and wrappers around them. */
export const MAX_TRACE_SPANS = 4 * MAX_SOURCE_TOOL_CALLS;

const tooManySpans = (what: string) =>
  new ApiError("validation_error", `body: ${what} has more than ${MAX_TRACE_SPANS} spans; a trace is kept to at most ${MAX_TRACE_SPANS}`, { field: "body" });

const isGenAi = (s: Span) => Object.keys(s.attributes).some((k) => k.startsWith("gen_ai.") || k.startsWith("ai."));

/**
 * Stores spans per trace and rebuilds each touched trace's agent run from all its spans, so spans
 * may arrive in any order and any batching (exporters send children before their parents, and
 * retry). Traces that carry no GenAI span are not kept: an app's ordinary HTTP spans are not runs.
 * The run stays "running" until the root span arrives.
 */
export async function ingestSpans(db: Db, { workspaceId, spans }: { workspaceId: string; spans: Span[] }): Promise<IngestedRun[]> {
  // Counted before any work: one export request carries at most one full trace's worth of spans.
  if (spans.length > MAX_TRACE_SPANS) throw tooManySpans("this export");
  const byTrace = new Map<string, Span[]>();
  for (const s of spans) {
    const batch = byTrace.get(s.traceId);
    if (batch) batch.push(s);
    else byTrace.set(s.traceId, [s]);
  }
  const out: IngestedRun[] = [];
  for (const [traceId, batch] of byTrace) {
    const run = await db.$transaction((tx) => ingestTrace(tx, workspaceId, traceId, batch), { timeout: 60_000 });
    if (run) out.push(run);
  }
  return out;
}

async function ingestTrace(tx: DbClient, workspaceId: string, traceId: string, batch: Span[]): Promise<IngestedRun | null> {
  // One writer per trace at a time, so a rebuild always sees every span stored before it.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`otlp:${workspaceId}:${traceId}`}))`;
  const existing = await tx.agentRun.findUnique({ where: { workspaceId_traceId: { workspaceId, traceId } }, select: { id: true } });
  const known = await tx.traceSpan.count({ where: { workspaceId, traceId } });
  if (!existing && known === 0 && !batch.some(isGenAi)) return null;
  await tx.traceSpan.createMany({
    data: batch.map((s, i) => ({ workspaceId, traceId, spanId: s.spanId, data: { ...s, arrival: known + i } as unknown as Prisma.InputJsonValue })),
    skipDuplicates: true,
  });
  // Counted after the insert, so a retried batch (duplicates skipped) is not counted twice.
  if ((await tx.traceSpan.count({ where: { workspaceId, traceId } })) > MAX_TRACE_SPANS) throw tooManySpans(`trace ${traceId}`);
  const stored = await tx.traceSpan.findMany({ where: { workspaceId, traceId }, select: { data: true } });
  const all = stored.map((r) => r.data as unknown as Span);
  if (!all.some(isGenAi)) return null;

  const read = traceToRun(all, `body (trace ${traceId})`);
  const status = !read.complete ? "running" : read.failed ? "failed" : "succeeded";
  const runId = existing?.id ?? newId("run");
  const rows = buildSourceRows({ owner: { runId }, messages: read.messages });
  const fields = {
    agentName: (read.agent ?? "otel agent").slice(0, 200),
    status,
    output: jsonValue(read.output),
    startedAt: read.started_at ? new Date(read.started_at) : null,
    endedAt: read.complete && read.ended_at ? new Date(read.ended_at) : null,
    toolCallCount: rows.callRows.length,
  } as const;
  if (existing) {
    await tx.toolCall.deleteMany({ where: { runId } });
    await tx.message.deleteMany({ where: { runId } });
    await tx.agentRun.update({ where: { id: runId }, data: fields });
  } else await tx.agentRun.create({ data: { id: runId, workspaceId, traceId, origin: "otlp", ...fields } });
  await writeSourceRows(tx, rows);
  return { id: runId, trace_id: traceId, status, tool_calls: rows.callRows.length };
}
