import { assertNoNul, parseJsonBody } from "../api/body";
import { ApiError, zodToApiError } from "../api/errors";
import { crystallize, NothingToCrystallizeError } from "../crystallize/crystallize";
import type { CrystallizeOptions, Transcript } from "../crystallize/types";
import { importTranscript, ZImportBody } from "../importers/import-transcript";

// The CPU-heavy work of a request, run in a worker thread (lib/workers/pool.ts) so the server's
// own thread stays free for other requests. Pure: no database, no network.

/** An import request: the body as text, parsed and read into native messages. */
function readImport(text: string) {
  const json = text.trim() === "" ? undefined : parseJsonBody(text);
  assertNoNul(json, "body");
  const parsed = ZImportBody.safeParse(json);
  if (!parsed.success) throw zodToApiError(parsed.error, "body");
  const body = parsed.data;
  return { body, read: importTranscript(body.format, body.transcript) };
}

function crystallizeTranscript({ transcript, options }: { transcript: Transcript; options: CrystallizeOptions }) {
  try {
    return crystallize(transcript, options);
  } catch (err) {
    if (err instanceof NothingToCrystallizeError) throw new ApiError("unprocessable", err.message);
    throw err;
  }
}

export const TASKS = { readImport, crystallizeTranscript };
export type Tasks = typeof TASKS;
