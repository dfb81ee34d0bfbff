import type { Automation, AutomationVersion } from "../generated/prisma/client";
import { ZDefinition } from "./schemas";

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

export function presentAutomation(a: Automation, v: Pick<AutomationVersion, "contentHash"> & { definition: unknown }) {
  return { ...presentAutomationSummary(a), definition: ZDefinition.parse(v.definition), content_hash: v.contentHash };
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
