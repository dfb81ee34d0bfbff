// Loop edits for the editor: like steps into one for_each step, and a loop back into one step
// per item, each a function from one definition to the next, like the graph's edits.
import type { TBinding, TDefinition, TStep } from "../automations/schemas";
import { loopFromSteps } from "../crystallize/infer-loops";
import { outputPathExpression } from "../crystallize/infer-value-templates";
import { editHoleCode, holeCodeMatches } from "../templates/hole-code";

export type LoopEdit = { definition: TDefinition; focus: string } | { problem: string };

/** Turns like steps over one list (a candidate loop, or a selection) into one for_each step. */
export function makeLoop(def: TDefinition, keys: string[]): LoopEdit {
  const made = loopFromSteps(def.steps, keys);
  if ("problem" in made) return made;
  return { definition: { ...def, steps: made.steps }, focus: made.loop };
}

/**
 * A loop back into one step per item of the list it had when it was crystallized (or `count`),
 * each bound to its element; readers of one item's output read that step. A loop over a
 * parameter, or whose whole output list is read downstream, has no such steps.
 */
export function unrollLoop(def: TDefinition, key: string, count?: number): LoopEdit {
  const loop = def.steps.find((s) => s.key === key);
  const each = loop?.for_each;
  if (!loop || !each) return { problem: `${key} is not a loop` };
  const items = each.items;
  if (!("from_step" in items)) return { problem: `${key} loops over a parameter's list; one step per item would need one parameter per item` };
  const n = count ?? items.recorded_count ?? loop.source?.loop_calls?.length;
  if (!n || n < 1) return { problem: `how many items ${key} had is not recorded: say how many steps to make` };
  const wholeReaders = def.steps.filter(
    (s) => s.bindings.some((b) => b.from_step === key && !/^\/\d+(\/|$)/.test(b.output_path)) || (s.for_each && "from_step" in s.for_each.items && s.for_each.items.from_step === key),
  );
  if (wholeReaders.length) return { problem: `${wholeReaders.map((s) => s.key).join(", ")} read${wholeReaders.length === 1 ? "s" : ""} ${key}'s whole list of outputs; rebind ${wholeReaders.length === 1 ? "it" : "them"} first` };

  const taken = new Set(def.steps.map((s) => s.key));
  const base = key.replace(/_\d+$/, "");
  const keys = Array.from({ length: n }, (_, i) => {
    if (i === 0) return key;
    let k = "";
    for (let m = i + 1; !k || taken.has(k); m++) k = `${base}_${m}`;
    taken.add(k);
    return k;
  });
  const elementBinding = (i: number, b: (typeof each.bind)[number]): TBinding => {
    if (items.lines) return { input_path: b.input_path, from_step: items.from_step, output_path: items.output_path, extract: { line: i, ...(b.token === undefined ? {} : { token: b.token }) } };
    if (items.json !== undefined) return { input_path: b.input_path, from_step: items.from_step, output_path: items.output_path, extract: { json: `${items.json}/${i}${b.item_path}` } };
    const word = b.token === undefined ? {} : { extract: { line: 0, token: b.token } };
    return { input_path: b.input_path, from_step: items.from_step, output_path: `${items.output_path}/${i}${b.item_path}`, ...word };
  };
  const readsItem = (loop.templates ?? []).some((t) => holesReadItem(t.template));
  const listExpr = outputPathExpression(items.output_path);
  if (readsItem && (items.lines || items.json !== undefined || listExpr === null))
    return { problem: `${key}'s templates read the item of a list inside text; make them read an input bound to the item first` };
  const { for_each: _loop, ...plain } = loop;
  const calls = loop.source?.loop_calls;
  const members: TStep[] = keys.map((k, i) => ({
    ...plain,
    key: k,
    bindings: [...loop.bindings, ...each.bind.map((b) => elementBinding(i, b))],
    ...(readsItem ? { templates: loop.templates!.map((t) => ({ ...t, template: itemToElement(t.template, `steps.${items.from_step}.output${listExpr}[${i}]`) })) } : {}),
    ...(loop.source ? { source: { ...withoutLoopCalls(loop.source), tool_call_id: calls?.[i] ?? loop.source.tool_call_id } } : {}),
  }));
  const rewire = (s: TStep): TStep => {
    if (!s.depends_on.includes(key) && !s.bindings.some((b) => b.from_step === key)) return s;
    const bindings = s.bindings.map((b) => {
      if (b.from_step !== key) return b;
      const m = /^\/(\d+)(.*)$/.exec(b.output_path)!;
      return { ...b, from_step: keys[Number(m[1])] ?? key, output_path: m[2]! };
    });
    // Waiting for the loop meant waiting for every item.
    return { ...s, bindings, depends_on: [...new Set(s.depends_on.flatMap((d) => (d === key ? keys : [d])))] };
  };
  const steps = def.steps.flatMap((s) => (s.key === key ? members : [rewire(s)]));
  return { definition: { ...def, steps }, focus: key };
}

/** `item` as a name in a template's holes' code (not a field such as `order.item`). */
const ITEM = /(?<![\w.$`])item\b/g;
const holesReadItem = (template: string) => holeCodeMatches(template, ITEM);
const itemToElement = (template: string, element: string) => editHoleCode(template, (code) => code.replace(ITEM, element));

function withoutLoopCalls(source: NonNullable<TStep["source"]>) {
  const { loop_calls: _calls, ...rest } = source;
  return rest;
}
