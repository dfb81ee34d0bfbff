import type { DbClient } from "../db";
import { findActorNames } from "./resolve-author-names";
import type { TDefinition } from "./schemas";

/**
 * Who reviewed the definition's steps, by name, keyed by their `reviewed.by` label: a member's name
 * (else email), an API key's name. Scoped to the workspace like the versions' authors: a member who
 * left, a deleted key or another workspace's user is left out, for the reader to word.
 */
export async function resolveReviewerNames(db: DbClient, { workspaceId, definition }: { workspaceId: string; definition: TDefinition }): Promise<Record<string, string>> {
  const labels = definition.steps.flatMap((s) => (s.reviewed?.by ? [s.reviewed.by] : []));
  if (labels.length === 0) return {};
  return Object.fromEntries(await findActorNames(db, { workspaceId, labels }));
}
