import { ApiError } from "../errors";
import type { Db, DbClient } from "../db";
import { commitVersion, type CommitHook } from "./commit-version";
import { getAutomationRowsOrThrow } from "./get-automation";
import { presentVersion, presentVersionSummary } from "./present";
import { resolveAuthorNames } from "./resolve-author-names";
import { ZDefinition } from "./schemas";

export async function listVersions(db: DbClient, ids: { workspaceId: string; automationId: string }) {
  await getAutomationRowsOrThrow(db, ids);
  const rows = await db.automationVersion.findMany({ where: { automationId: ids.automationId }, orderBy: { version: "desc" } });
  const names = await resolveAuthorNames(db, { workspaceId: ids.workspaceId, authors: rows.map((r) => r.author) });
  return { data: rows.map((r) => presentVersionSummary(r, names.get(r.author))) };
}

export async function getVersionOrThrow(db: DbClient, { workspaceId, automationId, version }: { workspaceId: string; automationId: string; version: number }) {
  const row = await db.automationVersion.findFirst({ where: { automationId, version, automation: { workspaceId } } });
  if (!row) throw new ApiError("not_found", `Version ${version} of automation ${automationId} not found`);
  const names = await resolveAuthorNames(db, { workspaceId, authors: [row.author] });
  return { ...presentVersion(row), author_name: names.get(row.author) ?? row.author };
}

/** Restores an old version's definition as a new version; history is never rewritten. */
export async function restoreVersion(
  db: Db,
  r: { workspaceId: string; automationId: string; version: number; baseVersion?: number; author: string; message?: string; alsoInTx?: CommitHook },
) {
  const old = await getVersionOrThrow(db, r);
  const saved = await commitVersion(db, {
    alsoInTx: r.alsoInTx,
    workspaceId: r.workspaceId,
    automationId: r.automationId,
    baseVersion: r.baseVersion,
    change: () => ZDefinition.parse(old.definition),
    author: r.author,
    message: r.message ?? `Restored version ${r.version}`,
    restoredFrom: r.version,
  });
  return saved.automation;
}
