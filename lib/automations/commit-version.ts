import { ApiError } from "../errors";
import type { Db, DbClient } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { newId } from "../ids";
import { ZDefinition, type TDefinition } from "./schemas";
import { presentAutomation } from "./present";
import { resolveReviewerNames } from "./resolve-reviewer-names";
import { contentHash, normalizeDefinition } from "./validate-definition";

type Change = {
  workspaceId: string;
  automationId: string;
  /** The version the change was made on. Without it, the change applies to whatever is current. */
  baseVersion?: number;
  /** Builds the new definition from the current one. */
  change?: (current: TDefinition) => TDefinition;
  name?: string;
  description?: string;
  author: string;
  message: string;
  restoredFrom?: number;
  /** More writes that belong with the new version (its audit event), in its transaction. */
  alsoInTx?: CommitHook;
};

type Saved = { automation: ReturnType<typeof presentAutomation>; version: number };
export type CommitHook = (tx: DbClient, saved: Saved) => Promise<unknown>;

/**
 * Saves a change as a new immutable version. The compare-and-set on `currentVersion` makes
 * concurrent editors conflict (409) instead of overwriting each other.
 */
export async function commitVersion(db: Db, c: Change) {
  return db.$transaction(async (tx) => {
    const automation = await tx.automation.findFirst({ where: { id: c.automationId, workspaceId: c.workspaceId } });
    if (!automation) throw new ApiError("not_found", `Automation ${c.automationId} not found`);
    const base = c.baseVersion ?? automation.currentVersion;
    if (base !== automation.currentVersion) throw staleVersion(base, automation.currentVersion);
    const current = await tx.automationVersion.findUniqueOrThrow({
      where: { automationId_version: { automationId: c.automationId, version: base } },
    });

    let versionRow = current;
    if (c.change) {
      const previous = ZDefinition.parse(current.definition);
      const definition = normalizeDefinition(c.change(previous), previous, { reviewer: c.author, at: new Date().toISOString() });
      const claimed = await tx.automation.updateMany({
        where: { id: c.automationId, workspaceId: c.workspaceId, currentVersion: base },
        data: { currentVersion: base + 1 },
      });
      if (claimed.count === 0) throw staleVersion(base, base + 1);
      versionRow = await tx.automationVersion.create({
        data: {
          id: newId("ver"),
          automationId: c.automationId,
          version: base + 1,
          definition: definition as Prisma.InputJsonValue,
          contentHash: contentHash(definition),
          message: c.message,
          author: c.author,
          restoredFrom: c.restoredFrom,
        },
      });
    }
    const updated = await tx.automation.update({
      where: { id: c.automationId },
      data: {
        ...(c.name !== undefined ? { name: c.name } : {}),
        ...(c.description !== undefined ? { description: c.description } : {}),
        updatedAt: new Date(),
      },
    });
    const definition = ZDefinition.parse(versionRow.definition);
    const reviewers = await resolveReviewerNames(tx, { workspaceId: c.workspaceId, definition });
    const saved = { automation: presentAutomation(updated, { ...versionRow, definition }, reviewers), version: versionRow.version };
    await c.alsoInTx?.(tx, saved);
    return saved;
  });
}

const staleVersion = (base: number, current: number) =>
  new ApiError("conflict", `This edit is based on version ${base}, but the automation is at version ${current}. Reload and apply your change again.`, {
    current_version: current,
  });
