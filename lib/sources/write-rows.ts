import type { DbClient } from "../db";
import { jsonValue } from "../db/json";
import type { MessageRow, ResultUpdate, ToolCallRow } from "./build-rows";

/** Inserts built rows. Call inside a transaction: a source is stored whole or not at all. */
export async function writeSourceRows(tx: DbClient, rows: { messageRows: MessageRow[]; callRows: ToolCallRow[]; updates?: ResultUpdate[] }) {
  if (rows.messageRows.length) await tx.message.createMany({ data: rows.messageRows });
  if (rows.callRows.length)
    await tx.toolCall.createMany({
      data: rows.callRows.map((r) => ({ ...r, result: jsonValue(r.result) })),
    });
  for (const u of rows.updates ?? [])
    await tx.toolCall.update({ where: { id: u.id }, data: { result: jsonValue(u.result), status: u.status, error: u.error, endedAt: new Date() } });
}
