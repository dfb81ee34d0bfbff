import type { MessageRow, ToolCallRow } from "./build-rows";

/**
 * Rows per INSERT. On the embedded database every statement runs on the server's own thread, so
 * one 10,000-row insert would hold every other request for as long as it takes; a chunk of this
 * size takes 10–25 ms there, and other requests are served between chunks.
 */
export const WRITE_CHUNK_ROWS = 500;

/** A source's rows as INSERT parameters: each chunk is the JSON text of up to WRITE_CHUNK_ROWS rows. */
export type SourceChunks = { messages: string[]; calls: string[] };

// Pure, so an import can build its chunks on a worker thread (lib/workers/tasks.ts) and hand the
// server's thread only strings. A Json column's value travels boxed as {"v": value}, because
// json_to_recordset reads a bare JSON null as SQL NULL, and a result of null is not the same as
// no result.
const box = (v: unknown) => (v === undefined ? null : { v });

// JSON.stringify writes a lone surrogate (an emoji cut in half by a length limit) as "\ud83d",
// which the database refuses as JSON; as a plain parameter it used to become U+FFFD. Same here.
type WellFormed = { isWellFormed(): boolean; toWellFormed(): string };
const wellFormed = (_key: string, v: unknown) => (typeof v === "string" && !(v as unknown as WellFormed).isWellFormed() ? (v as unknown as WellFormed).toWellFormed() : v);
const toJson = (rows: unknown[]) => JSON.stringify(rows, wellFormed);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSourceChunks(rows: { messageRows: MessageRow[]; callRows: ToolCallRow[] }): SourceChunks {
  return {
    messages: chunks(rows.messageRows).map((chunk) => toJson(chunk.map((m) => ({ ...m, content: box(m.content) })))),
    calls: chunks(rows.callRows).map((chunk) =>
      toJson(
        chunk.map((c) => ({
          ...c,
          arguments: box(c.arguments),
          result: box(c.result),
          startedAt: iso(c.startedAt),
          endedAt: iso(c.endedAt),
          approvalRequestedAt: iso(c.approvalRequestedAt),
          approvalDecidedAt: iso(c.approvalDecidedAt),
        })),
      ),
    ),
  };
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += WRITE_CHUNK_ROWS) out.push(rows.slice(i, i + WRITE_CHUNK_ROWS));
  return out;
}
