import { jsonTextResponse, withJsonFields } from "../api/json-text";
import type { Db, DbClient } from "../db";
import { stageRun } from "../sources/create-run";
import { stageThread } from "../sources/create-thread";
import { nameSource } from "../sources/name-source";
import { presentRunSummary, presentThreadSummary } from "../sources/present";
import type { PreparedImport } from "./prepare-import";
import { ZRunSummary, ZThreadSummary } from "../sources/schemas";
import { runInWorker } from "../workers/pool";
import { assertNotImported, type ImportKind } from "./assert-not-imported";
import { ZImportReport } from "./types";

type ImportInput = { workspaceId: string; text: string; /** "allow" imports a file imported already once more. */ duplicate?: "allow" | "refuse" };

function report({ read, counts }: PreparedImport) {
  return ZImportReport.parse({
    format: read.format,
    detected: read.detected,
    messages: counts.messages,
    tool_calls: counts.tool_calls,
    repeated_call_ids: counts.repeated_call_ids,
    skipped: read.skipped,
  });
}

/** The run or thread in the response: its row's fields, then its messages and calls as rendered on the worker. */
function sourceJson(summary: object, prepared: PreparedImport) {
  return withJsonFields(summary, { messages: prepared.messagesJson, tool_calls: prepared.toolCallsJson });
}

/** Named by the request body, else after what the user asked, else the agent's name in the file, else the format. */
const sourceName = (given: string | undefined, prepared: PreparedImport) =>
  given ?? nameSource({ request: prepared.firstUserText, agent: prepared.read.agent, fallback: `imported (${prepared.read.format})` });

/**
 * Reads the file on a worker thread, and refuses it (409, nothing written) when the same file was
 * imported already; the check is repeated as the source is revealed, for two imports at once.
 */
async function prepare(db: Db, { workspaceId, text, duplicate = "refuse" }: ImportInput, kind: ImportKind) {
  const { options, prepared } = await runInWorker("readImport", { text, kind });
  const guard = { workspaceId, kind, contentHash: prepared.contentHash };
  if (duplicate === "refuse") await assertNotImported(db, guard);
  const stage = duplicate === "refuse" ? { beforeReveal: (tx: DbClient) => assertNotImported(tx, { ...guard, lock: true }) } : {};
  return { options, prepared, stage };
}

/**
 * Imports a vendor file as an agent run. The request body (JSON text) is parsed, read and
 * prepared for writing on a worker thread, then written as a staged source (write-staged.ts), so
 * a 10,000-call import neither blocks the server's thread nor holds the database for seconds.
 */
export async function importRun(db: Db, input: ImportInput) {
  const { options, prepared, stage } = await prepare(db, input, "run");
  const { read } = prepared;
  const row = await stageRun(
    db,
    {
      id: prepared.id,
      workspaceId: input.workspaceId,
      origin: read.format,
      toolCallCount: prepared.counts.tool_calls,
      contentHash: prepared.contentHash,
      // The agent stays the agent (filterable); the run is called after what the user asked.
      title: sourceName(options.agent, prepared).slice(0, 200),
      run: {
        agent: (options.agent ?? read.agent ?? `imported (${read.format})`).slice(0, 200),
        status: read.failed ? "failed" : "succeeded",
        input: read.input,
        output: read.output,
        started_at: read.started_at,
        ended_at: read.ended_at,
      },
    },
    prepared.chunks,
    stage,
  );
  const summary = { ...ZRunSummary.parse(presentRunSummary(row)), input: row.input, output: row.output };
  return jsonTextResponse(withJsonFields({}, { run: sourceJson(summary, prepared), report: JSON.stringify(report(prepared)) }), 201);
}

/** Imports a vendor file as a chat thread. */
export async function importThread(db: Db, input: ImportInput) {
  const { options, prepared, stage } = await prepare(db, input, "thread");
  const row = await stageThread(
    db,
    {
      id: prepared.id,
      workspaceId: input.workspaceId,
      origin: prepared.read.format,
      title: sourceName(options.title, prepared),
      firstUserText: prepared.firstUserText,
      pendingCalls: prepared.pendingCalls,
      messageCount: prepared.counts.messages,
      toolCallCount: prepared.counts.tool_calls,
      contentHash: prepared.contentHash,
    },
    prepared.chunks,
    stage,
  );
  const summary = ZThreadSummary.parse(presentThreadSummary(row));
  return jsonTextResponse(withJsonFields({}, { thread: sourceJson(summary, prepared), report: JSON.stringify(report(prepared)) }), 201);
}
