/** Who is calling: a signed-in user or an API key, always inside one workspace. */
export type Actor = { type: "user"; id: string; role: string } | { type: "key"; id: string; role: string };
export const actorLabel = (a: Actor) => `${a.type}:${a.id}`;
