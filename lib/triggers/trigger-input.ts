import type { TDefinition } from "../automations/schemas";
import { ApiError } from "../errors";
import { parseLogicalTime } from "../runs/start-run";

type TriggerInputFields = { input: unknown; payloadParameter: string | null };

/** A delivery's run input: the trigger's fixed input, under the payload's keys or with the payload as one parameter. */
export function triggerRunInput(t: TriggerInputFields, payload: unknown): Record<string, unknown> {
  const fixed = (t.input ?? {}) as Record<string, unknown>;
  if (t.payloadParameter) return { ...fixed, [t.payloadParameter]: payload };
  const keyed = payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : { payload };
  return { ...fixed, ...keyed };
}

/**
 * At save time, a trigger may name only parameters the automation declares, so a typo is a 422
 * now rather than a refused delivery later (each delivery is checked again: definitions change).
 */
export function checkTriggerInput(def: TDefinition, { input, payloadParameter }: { input?: Record<string, unknown>; payloadParameter?: string | null }) {
  const declared = new Set(def.parameters.map((p) => p.name));
  const takes = declared.size ? `it takes ${[...declared].join(", ")}` : "it takes none";
  if (payloadParameter && !declared.has(payloadParameter))
    throw new ApiError("validation_error", `body.payload_parameter: "${payloadParameter}" is not a parameter of this automation (${takes})`, { field: "body.payload_parameter" });
  if (input && Object.hasOwn(input, "now") && !parseLogicalTime(input.now))
    throw new ApiError("validation_error", "body.input.now: must be an ISO 8601 instant with a zone, such as 2026-07-01T06:00:00Z", { field: "body.input.now" });
  for (const key of Object.keys(input ?? {}))
    if (key !== "now" && !declared.has(key))
      throw new ApiError("validation_error", `body.input.${key}: is not a parameter of this automation (${takes})`, { field: `body.input.${key}` });
}
