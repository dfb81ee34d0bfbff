import type { TDefinition, TStep } from "./schemas";

/** Metadata is derived from the steps on every save, never trusted from a client. */
export function deriveMetadata(steps: TStep[]): TDefinition["metadata"] {
  const flagged = steps.filter((s) => s.nondeterministic).map((s) => s.key);
  return {
    nondeterministic_steps: flagged,
    unreviewed_steps: steps.filter((s) => s.nondeterministic && !s.reviewed).map((s) => s.key),
  };
}
