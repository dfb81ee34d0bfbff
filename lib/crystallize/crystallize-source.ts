import { createHash } from "node:crypto";
import { ApiError } from "../api/errors";
import { commitVersion } from "../automations/commit-version";
import { createAutomation } from "../automations/create-automation";
import { getAutomationRowsOrThrow } from "../automations/get-automation";
import { ZDefinition } from "../automations/schemas";
import type { Db, DbClient } from "../db";
import { Prisma } from "../generated/prisma/client";
import { countToolCalls } from "../sources/count-tool-calls";
import { MAX_SOURCE_TOOL_CALLS } from "../sources/limits";
import { loadTranscript, type SourceRef } from "../sources/load-transcript";
import { runInWorker } from "../workers/pool";
import type { CrystallizeResult } from "./types";
import { mergeRun, MergeMismatchError } from "./merge";

type Body = { name?: string; description?: string; options: { ordering: "dataflow" | "sequential" }; into?: string };

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
    author,
    idempotencyKey,
    alsoInTx,
  }: {
    workspaceId: string;
    source: SourceRef;
    body: Body;
    author: string;
    idempotencyKey?: string | null;
    /** Writes with the new automation or version, in its transaction (the audit event). */
    alsoInTx?: (tx: DbClient, made: { automationId: string; version: number; merged: boolean }) => Promise<unknown>;
  },
): Promise<{ status: number; body: unknown }> {
  const requestHash = createHash("sha256").update(JSON.stringify([source, body])).digest("hex");
  // What a repeat of this request with the same key is answered with.
  const replayRecord = (key: string, response: { status: number; body: unknown }) => ({
    workspaceId,
    scope: "crystallize",
    key,
    requestHash,
    status: response.status,
    response: response.body as Prisma.InputJsonValue,
  });
  if (idempotencyKey) {
    if (idempotencyKey.length > 200) throw new ApiError("validation_error", "Idempotency-Key header: at most 200 characters", { field: "header.idempotency-key" });
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
  const transcript = await loadTranscript(db, { workspaceId, source });
  const started = performance.now();
  // On a worker thread: a long run takes a second or more to crystallize.
  const result = await runInWorker("crystallizeTranscript", { transcript, options: body.options });
  const report = { ...result.report, duration_ms: Math.round((performance.now() - started) * 100) / 100 };
  if (body.into) {
    return mergeInto(db, {
      workspaceId,
      automationId: body.into,
      source,
      result,
      report,
      author,
      // The replay record and the audit event land with the new version, or not at all.
      alsoInTx: async (tx, response, made) => {
        if (idempotencyKey) await tx.idempotencyRecord.create({ data: replayRecord(idempotencyKey, response) });
        await alsoInTx?.(tx, made);
      },
    });
  }

  try {
    return await db.$transaction(async (tx) => {
      const automation = await createAutomation(tx, {
        workspaceId,
        name: body.name ?? `${transcript.label ?? source.id} (crystallized)`.slice(0, 200),
        description: body.description ?? `Crystallized from ${source.type === "agent_run" ? "agent run" : "chat thread"} ${source.id}`,
        definition: result.definition,
        author,
        sourceType: "CRYSTALLIZED",
        sourceId: source.id,
        crystallization: report,
      });
      const response = { status: 201, body: { automation, report } };
      if (idempotencyKey)
        await tx.idempotencyRecord.create({ data: replayRecord(idempotencyKey, response) });
      await alsoInTx?.(tx, { automationId: automation.id, version: automation.version, merged: false });
      return response;
    }, { timeout: 60_000 });
  } catch (err) {
    // A concurrent request with the same key won the race: answer with what it stored.
    if (idempotencyKey && err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
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
    result: CrystallizeResult;
    report: object;
    author: string;
    alsoInTx: (tx: DbClient, response: { status: number; body: unknown }, made: { automationId: string; version: number; merged: true }) => Promise<unknown>;
  },
): Promise<{ status: number; body: unknown }> {
  const { automation, version } = await getAutomationRowsOrThrow(db, { workspaceId: m.workspaceId, automationId: m.automationId });
  let merged: ReturnType<typeof mergeRun>;
  try {
    merged = mergeRun(ZDefinition.parse(version.definition), m.result.definition);
  } catch (err) {
    if (err instanceof MergeMismatchError) throw new ApiError("unprocessable", err.message, { field: "body.into" });
    throw err;
  }
  const { differences } = merged;
  const label = m.source.type === "agent_run" ? "agent run" : "chat thread";
  const respond = (committed: { automation: unknown; version: number }) => ({
    status: 201,
    body: { automation: committed.automation, report: m.report, merge: { into: automation.id, from_version: automation.currentVersion, version: committed.version, differences } },
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
  return { status: record.status, body: record.response };
}
