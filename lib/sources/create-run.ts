import type { Db, DbClient } from "../db";
import { jsonValue } from "../db/json";
import { newId } from "../ids";
import { buildSourceRows } from "./build-rows";
import { getRunOrThrow } from "./get-run";
import type { TCreateRun } from "./schemas";
import { writeSourceRows } from "./write-rows";

type Input = { workspaceId: string; run: TCreateRun; origin?: string };

/** Stores an agent run with its messages and tool calls in one transaction. */
export async function createRun(db: Db, input: Input) {
  const id = await db.$transaction((tx) => insertRun(tx, input), { timeout: 120_000 });
  return getRunOrThrow(db, { workspaceId: input.workspaceId, runId: id });
}

/** The writes of createRun, for callers that hold a transaction already. Returns the run id. */
export async function insertRun(tx: DbClient, { workspaceId, run, origin = "api" }: Input): Promise<string> {
  const id = newId("run");
  const rows = buildSourceRows({ owner: { runId: id }, messages: run.messages, toolCalls: run.tool_calls });
  await tx.agentRun.create({
    data: {
      id,
      workspaceId,
      agentName: run.agent,
      status: run.status,
      input: jsonValue(run.input),
      output: jsonValue(run.output),
      startedAt: run.started_at ? new Date(run.started_at) : null,
      endedAt: run.ended_at ? new Date(run.ended_at) : null,
      origin,
      toolCallCount: rows.callRows.length,
    },
  });
  await writeSourceRows(tx, rows);
  return id;
}
