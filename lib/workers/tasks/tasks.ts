import { assertNoNul, parseJsonBody } from "../../api/body";
import { ApiError } from "../../errors";
import { zodToApiError } from "../../api/errors";
import { prepareDefinition } from "../../automations/prepare-definition";
import { crystallize, NothingToCrystallizeError } from "../../crystallize/crystallize";
import type { CrystallizeOptions } from "../../crystallize/types";
import { readTranscriptRows, type TranscriptRows } from "../../crystallize/to-transcript";
import { ZImportBody } from "../../importers/import-transcript";
import { prepareImport } from "../../importers/prepare-import";

// The CPU-heavy work of a request, run in a worker thread (lib/workers/pool.ts) so the server's
// own thread stays free for other requests. Pure: no database, no network.

/** An import request: the body as text, parsed, read into native messages and prepared for writing. */
function readImport({ text, kind }: { text: string; kind: "run" | "thread" }) {
  const json = text.trim() === "" ? undefined : parseJsonBody(text);
  assertNoNul(json, "body");
  const parsed = ZImportBody.safeParse(json);
  if (!parsed.success) throw zodToApiError(parsed.error, "body");
  // The transcript itself stays here: only what the server's thread needs is posted back.
  return { options: { agent: parsed.data.agent, title: parsed.data.title }, prepared: prepareImport(parsed.data, kind) };
}

/**
 * A source crystallized from its rows as loaded (JSON text), and the draft prepared for storing.
 * Only text goes back: the report too, which for a long run is megabytes that the server's
 * thread would otherwise receive as objects and serialize twice (for the row and the response).
 */
function crystallizeRows({ rows, options }: { rows: TranscriptRows; options: CrystallizeOptions }) {
  try {
    const { definition, report } = crystallize(readTranscriptRows(rows), options);
    const { json, contentHash } = prepareDefinition(definition);
    return { report: { json: JSON.stringify(report) }, definition: { json, contentHash } };
  } catch (err) {
    if (err instanceof NothingToCrystallizeError) throw new ApiError("unprocessable", err.message);
    throw err;
  }
}

export const TASKS = { readImport, crystallizeRows };
export type Tasks = typeof TASKS;

// The pool stays below the domains its tasks call: it learns their types by declaration merging
// instead of importing this file.
declare module "../pool" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the merge is the point: it adds Tasks' members
  interface WorkerTasks extends Tasks {}
}
