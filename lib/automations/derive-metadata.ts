import type { TDefinition, TStep } from "./schemas";

/** A loop the crystallizer made of several calls: tomorrow it makes as many calls as the list has items. */
const inferredLoop = (s: TStep) => Boolean(s.for_each && s.source?.loop_calls);

/**
 * A step a person must look at before it runs unattended: the model wrote its inputs, or the
 * crystallizer inferred templates for them, or made it a loop.
 */
export const needsReview = (s: TStep) => Boolean(s.nondeterministic || s.templates?.some((t) => t.inferred) || inferredLoop(s));

/** Why a step needs review, in a few words; null when it does not. */
export function reviewReason(s: TStep): string | null {
  if (s.nondeterministic) return s.nondeterministic.reason;
  const kinds = new Set(s.templates?.map((t) => t.inferred).filter(Boolean));
  if (kinds.has("relative_date")) return "dates suggested to roll with the calendar";
  if (kinds.has("pick")) return "a list's element picked by what the user named, not by its place";
  if (kinds.size) return "values suggested as templates";
  if (!inferredLoop(s)) return null;
  const calls = s.source!.loop_calls!.length;
  return calls === 1 ? "one call over a list of one item made a loop, as the user asked about the whole list" : `${calls} calls made one loop over every item of the list`;
}

/** Metadata is derived from the steps on every save, never trusted from a client. */
export function deriveMetadata(steps: TStep[]): TDefinition["metadata"] {
  const flagged = steps.filter((s) => s.nondeterministic).map((s) => s.key);
  return {
    nondeterministic_steps: flagged,
    unreviewed_steps: steps.filter((s) => needsReview(s) && !s.reviewed).map((s) => s.key),
  };
}
