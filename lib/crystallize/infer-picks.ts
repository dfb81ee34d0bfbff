// The pick rule: a call that took one element of an upstream list, where that element alone has a
// property the user named ("pause my Pro subscription": the element whose plan is "Pro"), reads
// the element by that property instead of by its place. Tomorrow's list holds other elements in
// another order; position 1 would pause whichever subscription happens to be second.
//
// The binding becomes a one-hole template, `$single(list, function($v) { $v.plan = "Pro" }).id`:
// JSONata's `$single` fails the step when no element or several match, rather than guessing. The
// step needs review like every inferred template. Pure.
import type { TStep, TTemplate } from "../automations/schemas";
import { getAtPointer, isPlainObject, parsePointer, pointerSegment } from "../json";
import { outputPathExpression } from "./infer-value-templates";

export type InferredPick = { step: string; input_path: string; from_step: string; list_path: string; field: string; value: string };

/** A property value worth matching: a word or a short name, not a sentence, a number or an id. */
const NAME = /^(?=.*[A-Za-z])[\p{L}\p{N}][\p{L}\p{N} '&+.-]{1,39}$/u;
const MAX_WORDS = 3;
/** Lists longer than this are data, not the handful of a user's things a person picks among. */
const MAX_ELEMENTS = 200;
const INDEXED = /\/\d+(?:\/|$)/;

/**
 * `resultOf`: a step's recorded result (JSON text already read). `named(step, value)`: whether the
 * user said `value`, as whole words, before that step's call.
 */
export function inferPicks({ steps, resultOf, named }: { steps: TStep[]; resultOf: (key: string) => unknown; named: (step: string, value: string) => boolean }): InferredPick[] {
  const found: InferredPick[] = [];
  for (const step of steps) {
    // Most bindings read no list's element: those cost one test, not a walk of the result.
    if (step.type !== "action" || step.for_each || !step.bindings.some((b) => INDEXED.test(b.output_path))) continue;
    const templates: TTemplate[] = [];
    step.bindings = step.bindings.filter((b) => {
      if (b.extract || b.input_path === "" || !INDEXED.test(b.output_path)) return true;
      const pick = pickFor({ pointer: b.output_path, result: resultOf(b.from_step), named: (v) => named(step.key, v) });
      if (!pick) return true;
      const list = outputPathExpression(pick.listPath);
      const rest = outputPathExpression(pick.restPath);
      const field = fieldExpression(pick.field);
      if (list === null || rest === null || field === null) return true;
      const hole = `$single(steps.${b.from_step}.output${list}, function($v) { $v${field} = ${JSON.stringify(pick.value)} })${rest}`;
      templates.push({ input_path: b.input_path, template: `{{ ${hole} }}`, recorded_value: b.recorded_value, inferred: "pick" });
      found.push({ step: step.key, input_path: b.input_path, from_step: b.from_step, list_path: pick.listPath, field: pick.field.join("."), value: pick.value });
      return false;
    });
    if (templates.length) step.templates = [...(step.templates ?? []), ...templates];
  }
  return found;
}

/**
 * For a pointer into `result` that passes through a list of records (`/subscriptions/1/id`), the
 * property that tells the chosen record from every other one and that the user named.
 */
function pickFor({ pointer, result, named }: { pointer: string; result: unknown; named: (value: string) => boolean }) {
  const segments = parsePointer(pointer);
  if (!segments || result === undefined) return null;
  // The innermost list on the path: `/orders/0/lines/2/sku` picks a line of the first order.
  for (let k = segments.length - 1; k >= 0; k--) {
    if (!/^\d+$/.test(segments[k]!)) continue;
    const listPath = toPointer(segments.slice(0, k));
    const list = getAtPointer(result, listPath);
    if (!Array.isArray(list) || list.length < 2 || list.length > MAX_ELEMENTS || !list.every(isRecord)) return null;
    const chosen = list[+segments[k]!] as Record<string, unknown> | undefined;
    if (!chosen) return null;
    const read = segments.slice(k + 1).join("/");
    for (const [field, value] of propertiesOf(chosen)) {
      // The value the call took is no property to pick by: it is what differs tomorrow.
      if (field.join("/") === read) continue;
      if (!NAME.test(value) || value.trim().split(/\s+/).length > MAX_WORDS) continue;
      const same = (other: unknown) => typeof valueAt(other, field) === "string" && (valueAt(other, field) as string).toLowerCase() === value.toLowerCase();
      if (list.filter(same).length !== 1 || !named(value)) continue;
      return { listPath, restPath: toPointer(segments.slice(k + 1)), field, value };
    }
    return null;
  }
  return null;
}

const isRecord = isPlainObject;
const toPointer = (segments: string[]) => segments.map((s) => "/" + pointerSegment(s)).join("");
const valueAt = (record: unknown, field: string[]) => field.reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), record);

/** A record's string properties, one level of nesting deep (`plan.name`), in their order. */
function* propertiesOf(record: Record<string, unknown>): Generator<[string[], string]> {
  for (const [k, v] of Object.entries(record)) {
    if (typeof v === "string") yield [[k], v];
    else if (isRecord(v)) for (const [k2, v2] of Object.entries(v)) if (typeof v2 === "string") yield [[k, k2], v2];
  }
}

function fieldExpression(field: string[]): string | null {
  return outputPathExpression(toPointer(field));
}
