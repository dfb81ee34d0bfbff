import type { Db } from "../db";
import { createRun } from "../sources/create-run";
import { createThread } from "../sources/create-thread";
import { importTranscript, type TImportFormat } from "./import-transcript";

type ImportBody = { format: TImportFormat; transcript: unknown; agent?: string; title?: string };

function report(format: TImportFormat, source: { messages: unknown[]; tool_calls: unknown[] }, skipped: { where: string; reason: string }[]) {
  return { format, messages: source.messages.length, tool_calls: source.tool_calls.length, skipped };
}

/** Imports a vendor transcript as an agent run: read whole, then stored in one transaction. */
export async function importRun(db: Db, { workspaceId, body }: { workspaceId: string; body: ImportBody }) {
  const { messages, skipped } = importTranscript(body.format, body.transcript);
  const run = await createRun(db, {
    workspaceId,
    origin: body.format,
    run: { agent: body.agent ?? `imported (${body.format})`, status: "succeeded", messages, tool_calls: [] },
  });
  return { run, report: report(body.format, run, skipped) };
}

/** Imports a vendor transcript as a chat thread. */
export async function importThread(db: Db, { workspaceId, body }: { workspaceId: string; body: ImportBody }) {
  const { messages, skipped } = importTranscript(body.format, body.transcript);
  const thread = await createThread(db, { workspaceId, origin: body.format, thread: { title: body.title, messages } });
  return { thread, report: report(body.format, thread, skipped) };
}
