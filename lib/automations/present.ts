import type { Automation, AutomationVersion } from "../generated/prisma/client";
import { ZDefinition, type TDefinition } from "./schemas";

export function presentAutomationSummary(a: Automation) {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    source_type: a.sourceType,
    status: a.status,
    version: a.currentVersion,
    live_version: a.liveVersion,
    source: a.sourceId ? { type: a.sourceId.startsWith("thr_") ? ("chat_thread" as const) : ("agent_run" as const), id: a.sourceId } : null,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}

/** `definition`: the version's, parsed (ZDefinition); `reviewerNames`: resolveReviewerNames of it. */
export function presentAutomation(a: Automation, v: Pick<AutomationVersion, "contentHash"> & { definition: TDefinition }, reviewerNames: Record<string, string>) {
  return { ...presentAutomationSummary(a), definition: v.definition, content_hash: v.contentHash, reviewer_names: reviewerNames };
}

/** `authorName`: the author's display name (resolveAuthorNames); the raw label when not resolved. */
export function presentVersionSummary(v: AutomationVersion, authorName: string = v.author) {
  return {
    id: v.id,
    automation_id: v.automationId,
    version: v.version,
    content_hash: v.contentHash,
    message: v.message,
    author: v.author,
    author_name: authorName,
    restored_from: v.restoredFrom,
    created_at: v.createdAt.toISOString(),
  };
}

export const presentVersion = (v: AutomationVersion) => ({ ...presentVersionSummary(v), definition: ZDefinition.parse(v.definition) });
