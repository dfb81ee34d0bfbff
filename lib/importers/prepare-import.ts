import { z } from "zod";
import { importHash } from "./import-hash";
import { importDocument, type ZImportBody } from "./import-transcript";
import { readDocument } from "./read-container";
import { newId } from "../ids";
import { buildSourceRows } from "../sources/build-rows";
import { firstUserText } from "../sources/name-source";
import { presentMessage, presentToolCall } from "../sources/present";
import { ZMessageOut, ZToolCallOut } from "../sources/schemas";
import { toSourceChunks } from "../sources/source-chunks";

/**
 * Everything of an import that is CPU work, done on a worker thread (lib/workers/tasks.ts): the
 * vendor file read into messages and hashed (to notice a second import of it), the rows built
 * and checked, serialized as INSERT chunks, and the messages and calls of the response rendered
 * as JSON text, checked against the response schemas. The server's thread then only writes
 * strings. Pure: no database, no network.
 */
export function prepareImport(body: z.output<typeof ZImportBody>, kind: "run" | "thread") {
  const doc = readDocument(body.transcript);
  const { messages, ...read } = importDocument(body.format, doc);
  const id = newId(kind === "run" ? "run" : "thr");
  const rows = buildSourceRows({ owner: kind === "run" ? { runId: id } : { threadId: id }, messages });
  return {
    id,
    read,
    contentHash: importHash({ kind, format: read.format, doc }),
    counts: { messages: rows.messageRows.length, tool_calls: rows.callRows.length, repeated_call_ids: rows.repeatedCallIds },
    firstUserText: firstUserText(rows.messageRows),
    pendingCalls: rows.callRows.some((c) => c.status === "pending"),
    chunks: toSourceChunks(rows),
    messagesJson: JSON.stringify(z.array(ZMessageOut).parse(rows.messageRows.map(presentMessage))),
    toolCallsJson: JSON.stringify(z.array(ZToolCallOut).parse(rows.callRows.map(presentToolCall))),
  };
}

export type PreparedImport = ReturnType<typeof prepareImport>;
