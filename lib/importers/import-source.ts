import type { Db } from "../db";
import { createRun } from "../sources/create-run";
import { createThread } from "../sources/create-thread";
import { runInWorker } from "../workers/pool";
import type { TImportFormat } from "./import-transcript";
import type { Skipped } from "./types";

function report(format: TImportFormat, detected: boolean, source: { messages: unknown[]; tool_calls: unknown[] }, skipped: Skipped[]) {
  return { format, detected, messages: source.messages.length, tool_calls: source.tool_calls.length, skipped };
}

/**
 * Imports a vendor file as an agent run: the request body (JSON text) is parsed and read on a
 * worker thread, then stored in one transaction.
 */
export async function importRun(db: Db, { workspaceId, text }: { workspaceId: string; text: string }) {
  const { body, read } = await runInWorker("readImport", text);
  const run = await createRun(db, {
    workspaceId,
    origin: read.format,
    run: {
      agent: (body.agent ?? read.agent ?? `imported (${read.format})`).slice(0, 200),
      status: read.failed ? "failed" : "succeeded",
      input: read.input,
      output: read.output,
      started_at: read.started_at,
      ended_at: read.ended_at,
      messages: read.messages,
      tool_calls: [],
    },
  });
  return { run, report: report(read.format, read.detected, run, read.skipped) };
}

/** Imports a vendor file as a chat thread. */
export async function importThread(db: Db, { workspaceId, text }: { workspaceId: string; text: string }) {
  const { body, read } = await runInWorker("readImport", text);
  const thread = await createThread(db, { workspaceId, origin: read.format, thread: { title: body.title ?? read.agent, messages: read.messages } });
  return { thread, report: report(read.format, read.detected, thread, read.skipped) };
}
