import type { Db, DbClient } from "../db";
import { jsonValue } from "../db/json";
import { newId } from "../ids";
import { buildSourceRows } from "./build-rows";
import { getRunOrThrow } from "./get-run";
import type { TCreateRun } from "./schemas";
import { type SourceChunks, toSourceChunks } from "./source-chunks";
import { writeSourceRows } from "./write-rows";
import { type StageOptions, writeStaged } from "./write-staged";

type Input = { workspaceId: string; run: TCreateRun; origin?: string };
type RunFields = Omit<TCreateRun, "messages" | "tool_calls">;

/** Stores an agent run with its messages and tool calls: all of it becomes visible at once, or none. */
export async function createRun(db: Db, input: Input) {
  const id = newId("run");
  const rows = buildSourceRows({ owner: { runId: id }, messages: input.run.messages, toolCalls: input.run.tool_calls });
  await stageRun(db, { ...input, id, toolCallCount: rows.callRows.length }, toSourceChunks(rows));
  return getRunOrThrow(db, { workspaceId: input.workspaceId, runId: id });
}

/**
 * Writes a run whose rows were built already (an import builds them on a worker thread). Returns
 * the run row. `beforeReveal` runs in the transaction that makes the run visible, and may refuse it.
 */
export async function stageRun(db: Db, row: RunRow, chunks: SourceChunks, { beforeReveal }: StageOptions = {}) {
  const data = runData(row);
  return writeStaged(db, {
    create: () => db.agentRun.create({ data: { ...data, staged: true } }),
    chunks,
    reveal: (tx) => tx.agentRun.update({ where: { id: row.id }, data: { staged: false } }),
    beforeReveal,
    discard: () => db.agentRun.deleteMany({ where: { id: row.id } }),
  });
}


/** The writes of createRun inside a transaction the caller holds (the demo seed). Returns the run id. */
export async function insertRun(tx: DbClient, input: Input): Promise<string> {
  const id = newId("run");
  const rows = buildSourceRows({ owner: { runId: id }, messages: input.run.messages, toolCalls: input.run.tool_calls });
  await tx.agentRun.create({ data: runData({ ...input, id, toolCallCount: rows.callRows.length }) });
  await writeSourceRows(tx, rows);
  return id;
}

type RunRow = { id: string; workspaceId: string; run: RunFields; title?: string | null; origin?: string; toolCallCount: number; contentHash?: string };

function runData({ id, workspaceId, run, title = null, origin = "api", toolCallCount, contentHash }: RunRow) {
  return {
    id,
    workspaceId,
    agentName: run.agent,
    title,
    status: run.status,
    input: jsonValue(run.input),
    output: jsonValue(run.output),
    startedAt: run.started_at ? new Date(run.started_at) : null,
    endedAt: run.ended_at ? new Date(run.ended_at) : null,
    origin,
    toolCallCount,
    contentHash,
  };
}
