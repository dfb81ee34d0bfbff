import type { DbClient } from "../db";
import { jsonValue } from "../db/json";
import type { MessageRow, ResultUpdate, ToolCallRow } from "./build-rows";

/**
 * Rows per INSERT. On the embedded database every statement runs on the server's own thread, so
 * one 10,000-row insert would hold every other request for as long as it takes; chunks let
 * other work in between.
 */
export const WRITE_CHUNK_ROWS = 250;

// A query's promise settles without a turn of the event loop, so without this the chunks would
// still run back to back with no timer or socket served between them.
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Inserts built rows. Call inside a transaction: a source is stored whole or not at all. */
export async function writeSourceRows(tx: DbClient, rows: { messageRows: MessageRow[]; callRows: ToolCallRow[]; updates?: ResultUpdate[] }) {
  for (const chunk of chunks(rows.messageRows)) {
    await tx.message.createMany({ data: chunk });
    await nextTurn();
  }
  for (const chunk of chunks(rows.callRows)) {
    await tx.toolCall.createMany({ data: chunk.map((r) => ({ ...r, result: jsonValue(r.result) })) });
    await nextTurn();
  }
  for (const u of rows.updates ?? [])
    await tx.toolCall.update({ where: { id: u.id }, data: { result: jsonValue(u.result), status: u.status, error: u.error, endedAt: new Date() } });
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += WRITE_CHUNK_ROWS) yield rows.slice(i, i + WRITE_CHUNK_ROWS);
}
