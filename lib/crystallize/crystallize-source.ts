import { createHash } from "node:crypto";
import { ApiError } from "../errors";
import { commitVersion } from "../automations/commit-version";
import { insertAutomation } from "../automations/create-automation";
import { presentAutomationSummary } from "../automations/present";
import { withJsonFields } from "../api/json-text";
import { getAutomationRowsOrThrow } from "../automations/get-automation";
import { ZDefinition } from "../automations/schemas";
import type { Db, DbClient } from "../db";
import { isUniqueViolation } from "../db/errors";
import { countToolCalls } from "../sources/count-tool-calls";
import { MAX_SOURCE_TOOL_CALLS } from "../sources/limits";
import { loadTranscriptRows } from "./load-transcript";
import { type SourceRef } from "../sources/source-ref";
import { runInWorker } from "../workers/pool";
import { mergeRun, MergeMismatchError } from "./merge";

type Body = { name?: string; description?: string; options: { ordering: "dataflow" | "sequential"; treat_as_succeeded?: string[]; time_zone?: string }; into?: string };

/**
 * Crystallizes a run or thread into a new draft automation (source_type CRYSTALLIZED, version 1).
 * With an Idempotency-Key, a repeat of the same request returns the first response instead of a
 * second automation; the key with a different request is refused.
 */
export async function crystallizeSource(
  db: Db,
  {
    workspaceId,
    source,
    body,
    includeDefinition = false,
    author,
    idempotencyKey,
    alsoInTx,
  }: {
    workspaceId: string;
    source: SourceRef;
    body: Body;
    /** Answer with the draft's whole definition; without, the automation's summary and content hash. */
    includeDefinition?: boolean;
    author: string;
    idempotencyKey?: string | null;
    /** Writes with the new automation or version, in its transaction (the audit event). */
    alsoInTx?: (tx: DbClient, made: { automationId: string; version: number; merged: boolean }) => Promise<unknown>;
  },
): Promise<JsonAnswer> {
  // The answer differs with the definition, so a key repeated with `include` is another request.
  const requestHash = createHash("sha256").update(JSON.stringify(includeDefinition ? [source, body, "definition"] : [source, body])).digest("hex");
  // What a repeat of this request with the same key is answered with. Written from the response
  // text: the response can hold a draft of thousands of steps.
  const storeReplay = (tx: DbClient, key: string, response: JsonAnswer) =>
    tx.$executeRaw`
      INSERT INTO idempotency_record ("workspaceId", scope, key, "requestHash", status, response, "createdAt")
      VALUES (${workspaceId}, 'crystallize', ${key}, ${requestHash}, ${response.status}, ${response.json}::jsonb, now() AT TIME ZONE 'UTC')`;
  if (idempotencyKey) {
    // Its length is checked where the header is read (ZIdempotencyHeaders).
    const replay = await findReplay(db, workspaceId, idempotencyKey, requestHash);
    if (replay) return replay;
  }

  // Counted before anything is loaded: each call becomes a step, and a draft holds at most this many.
  const calls = await countToolCalls(db, { workspaceId, source });
  if (calls > MAX_SOURCE_TOOL_CALLS)
    throw new ApiError(
      "unprocessable",
      `${source.type === "agent_run" ? "Agent run" : "Chat thread"} ${source.id} has ${calls} tool calls; an automation holds at most ${MAX_SOURCE_TOOL_CALLS} steps, so crystallize a shorter run`,
      { field: source.type === "agent_run" ? "path.run_id" : "path.thread_id" },
    );
  const rows = await loadTranscriptRows(db, { workspaceId, source });
  const started = performance.now();
  // On a worker thread: a long run takes a second or more to read and crystallize.
  const result = await runInWorker("crystallizeRows", { rows, options: body.options });
  // The report as JSON text, with the time it took.
  const report = withDuration(result.report.json, performance.now() - started);
  if (body.into) {
    return mergeInto(db, {
      workspaceId,
      automationId: body.into,
      source,
      result,
      report,
      includeDefinition,
      author,
      // The replay record and the audit event land with the new version, or not at all.
      alsoInTx: async (tx, response, made) => {
        if (idempotencyKey) await storeReplay(tx, idempotencyKey, response);
        await alsoInTx?.(tx, made);
      },
    });
  }

  try {
    return await db.$transaction(async (tx) => {
      const { automation, version } = await insertAutomation(tx, {
        workspaceId,
        name: body.name ?? `${rows.head.label ?? source.id} (crystallized)`.slice(0, 200),
        description: body.description ?? `Crystallized from ${source.type === "agent_run" ? "agent run" : "chat thread"} ${source.id}`,
        definition: result.definition,
        author,
        sourceType: "CRYSTALLIZED",
        sourceId: source.id,
        crystallizationJson: report,
      });
      // The draft's JSON goes into the response as the worker rendered it, when asked for: parsing
      // thousands of steps back into objects only to serialize them again would block the
      // server's thread. A fresh draft has no reviews, so no reviewers to name.
      const summary = { ...presentAutomationSummary(automation), content_hash: version.contentHash, reviewer_names: {} };
      const automationJson = includeDefinition ? withJsonFields(summary, { definition: result.definition.json }) : JSON.stringify(summary);
      const response = { status: 201, json: withJsonFields({}, { automation: automationJson, report }) };
      if (idempotencyKey) await storeReplay(tx, idempotencyKey, response);
      await alsoInTx?.(tx, { automationId: automation.id, version: 1, merged: false });
      return response;
    }, { timeout: 60_000 });
  } catch (err) {
    // A concurrent request with the same key won the race: answer with what it stored.
    if (idempotencyKey && isUniqueViolation(err)) {
      const replay = await findReplay(db, workspaceId, idempotencyKey, requestHash);
      if (replay) return replay;
    }
    throw err;
  }
}

/**
 * Re-crystallizing into an existing automation: the run is merged into its current version as the
 * next version. Based on the version read here, so a concurrent edit or a repeated request gets a
 * 409 instead of a second merge.
 */
async function mergeInto(
  db: Db,
  m: {
    workspaceId: string;
    automationId: string;
    source: SourceRef;
    result: { definition: { json: string } };
    /** The report as JSON text. */
    report: string;
    includeDefinition: boolean;
    author: string;
    alsoInTx: (tx: DbClient, response: JsonAnswer, made: { automationId: string; version: number; merged: true }) => Promise<unknown>;
  },
): Promise<JsonAnswer> {
  const { automation, version } = await getAutomationRowsOrThrow(db, { workspaceId: m.workspaceId, automationId: m.automationId });
  let merged: ReturnType<typeof mergeRun>;
  try {
    merged = mergeRun(ZDefinition.parse(version.definition), ZDefinition.parse(JSON.parse(m.result.definition.json)));
  } catch (err) {
    if (err instanceof MergeMismatchError) throw new ApiError("unprocessable", err.message, { field: "body.into" });
    throw err;
  }
  const { differences } = merged;
  const label = m.source.type === "agent_run" ? "agent run" : "chat thread";
  const respond = (committed: { automation: { definition?: unknown }; version: number }): JsonAnswer => ({
    status: 201,
    json: withJsonFields({ automation: m.includeDefinition ? committed.automation : { ...committed.automation, definition: undefined } }, { report: m.report, merge: JSON.stringify({ into: automation.id, from_version: automation.currentVersion, version: committed.version, differences }) }),
  });
  const committed = await commitVersion(db, {
    alsoInTx: (tx, saved) => m.alsoInTx(tx, respond(saved), { automationId: automation.id, version: saved.version, merged: true }),
    workspaceId: m.workspaceId,
    automationId: automation.id,
    baseVersion: automation.currentVersion,
    // baseVersion pins the version merged above: if another save lands first, this is a 409.
    change: () => merged.definition,
    author: m.author,
    message: differences.length
      ? `Merged ${label} ${m.source.id}: ${differences.length} input${differences.length === 1 ? "" : "s"} became parameters`
      : `Merged ${label} ${m.source.id}: same inputs`,
  });
  return respond(committed);
}

async function findReplay(db: Db, workspaceId: string, key: string, requestHash: string) {
  const record = await db.idempotencyRecord.findUnique({ where: { workspaceId_scope_key: { workspaceId, scope: "crystallize", key } } });
  if (!record) return null;
  if (record.requestHash !== requestHash)
    throw new ApiError("unprocessable", "This Idempotency-Key was already used for a different crystallize request", { field: "header.idempotency-key" });
  return answer(record.status, record.response);
}

/** Report text as the worker rendered it, with `duration_ms` last, as the report has always listed it. */
function withDuration(reportJson: string, ms: number): string {
  return `${reportJson.slice(0, -1)},"duration_ms":${Math.round(ms * 100) / 100}}`;
}

/** A response as JSON text: the fresh-draft answer is assembled from text (see withJsonFields). */
export type JsonAnswer = { status: number; json: string };
const answer = (status: number, body: unknown): JsonAnswer => ({ status, json: JSON.stringify(body) });
