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
  const labels = [...new Set(authors)];
  const names = new Map(labels.map((a) => [a, fallbackName(a)]));
  for (const [label, name] of await findActorNames(db, { workspaceId, labels })) names.set(label, name);
  return names;
}

/** The names resolveAuthorNames gives, of only the labels this workspace still knows; no query when none could be. */
export async function findActorNames(db: DbClient, { workspaceId, labels }: { workspaceId: string; labels: string[] }): Promise<Map<string, string>> {
  if (!labels.some((a) => splitLabel(a)[0])) return new Map();
  // One statement for both kinds; the labels go in as one JSON text parameter, not an array one.
  const list = JSON.stringify([...new Set(labels)]);
  const rows = await db.$queryRaw<{ label: string; name: string }[]>`
    SELECT 'user:' || u.id AS label, COALESCE(NULLIF(btrim(u.name), ''), u.email) AS name
      FROM membership m JOIN "user" u ON u.id = m."userId"
     WHERE m."workspaceId" = ${workspaceId}
       AND u.id IN (SELECT substr(l, 6) FROM jsonb_array_elements_text(${list}::jsonb) l WHERE l LIKE 'user:%')
    UNION ALL
    SELECT 'key:' || k.id AS label, k.name FROM api_key k
     WHERE k."workspaceId" = ${workspaceId}
       AND k.id IN (SELECT substr(l, 5) FROM jsonb_array_elements_text(${list}::jsonb) l WHERE l LIKE 'key:%')`;
  return new Map(rows.map((r) => [r.label, r.name]));
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
