import { canonicalJson } from "../json";
import type { TDefinition } from "./schemas";

/**
 * How many things a draft changes against the live version, for the editor's "2 changes": each
 * step added, removed or edited counts once (a review mark is an edit), and so do the parameters
 * and the time zone as a whole. Key order never counts.
 */
export function countChanges(live: TDefinition, draft: TDefinition): number {
  const before = new Map(live.steps.map((s) => [s.key, canonicalJson(s)]));
  let n = 0;
  for (const s of draft.steps) {
    const was = before.get(s.key);
    if (was === undefined || was !== canonicalJson(s)) n++;
    before.delete(s.key);
  }
  n += before.size;
  if (canonicalJson(live.parameters) !== canonicalJson(draft.parameters)) n++;
  if ((live.time_zone ?? "UTC") !== (draft.time_zone ?? "UTC")) n++;
  return n;
}
