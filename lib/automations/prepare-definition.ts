import type { TDefinition } from "./schemas";
import { contentHash, normalizeDefinition } from "./validate-definition";

/** A definition ready to store: normalized, as JSON text, with its content hash. */
export type PreparedDefinition = { json: string; contentHash: string };

/**
 * Normalizes a definition and renders what a version stores. Pure, so a crystallized draft of
 * thousands of steps is prepared on a worker thread (lib/workers/tasks.ts). Throws the 422 of
 * normalizeDefinition.
 */
export function prepareDefinition(def: TDefinition, previous?: TDefinition): PreparedDefinition & { definition: TDefinition } {
  const definition = normalizeDefinition(def, previous);
  return { definition, json: JSON.stringify(definition), contentHash: contentHash(definition) };
}
