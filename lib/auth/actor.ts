export type WorkspaceRole = "owner" | "admin" | "member";

/** Who is calling: a signed-in user or an API key, always inside one workspace. */
export type Actor = { type: "user"; id: string; role: WorkspaceRole } | { type: "key"; id: string; role: WorkspaceRole };
export const actorLabel = (a: Actor) => `${a.type}:${a.id}`;
