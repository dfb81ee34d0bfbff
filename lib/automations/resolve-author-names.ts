import type { DbClient } from "../db";

// Versions record their author as an actor label (actorLabel: `user:<id>`, `key:<id>`) or
// "system"; people read names.

/** Shown for an author the workspace no longer knows: a member who left, a deleted key. */
const FORMER = { user: "former member", key: "deleted API key" } as const;

/**
 * Display names of `authors` (actor labels), in one query scoped to the workspace: a user's name
 * (else email) only while they are a member, an API key's name only if the key is this
 * workspace's. Another tenant's users and keys are never named.
 */
export async function resolveAuthorNames(db: DbClient, { workspaceId, authors }: { workspaceId: string; authors: string[] }): Promise<Map<string, string>> {
  const ids = { user: new Set<string>(), key: new Set<string>() };
  for (const a of authors) {
    const [type, id] = splitLabel(a);
    if (type && id) ids[type].add(id);
  }
  const names = new Map<string, string>();
  for (const a of authors) names.set(a, fallbackName(a));
  if (!ids.user.size && !ids.key.size) return names;
  const ws = await db.workspace.findUnique({
    where: { id: workspaceId },
    select: {
      memberships: { where: { userId: { in: [...ids.user] } }, select: { user: { select: { id: true, name: true, email: true } } } },
      apiKeys: { where: { id: { in: [...ids.key] } }, select: { id: true, name: true } },
    },
  });
  for (const { user } of ws?.memberships ?? []) names.set(`user:${user.id}`, user.name.trim() || user.email);
  for (const key of ws?.apiKeys ?? []) names.set(`key:${key.id}`, key.name);
  return names;
}

function splitLabel(author: string): [type: "user" | "key" | undefined, id: string] {
  const at = author.indexOf(":");
  const type = author.slice(0, at);
  return type === "user" || type === "key" ? [type, author.slice(at + 1)] : [undefined, ""];
}

function fallbackName(author: string): string {
  const [type] = splitLabel(author);
  return type ? FORMER[type] : author;
}
