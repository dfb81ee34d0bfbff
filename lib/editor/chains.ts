import type { TDefinition, TStep } from "../automations/schemas";

// Long runs of steps one after another, drawn as groups a user opens one at a time: a 164-call
// agent session is one chain of 164 steps, which no canvas can show legibly at once.

/** Consecutive steps of one chain drawn as one node, its id `chain:<first key>`. */
export type ChainGroup = { id: string; keys: readonly string[] };

/** Chains shorter than this stay as they are. */
const MIN_CHAIN = 6;
/** A chain is cut into groups of at most this many steps, so a long one reads as a column of groups. */
const GROUP_SIZE = 10;
/** A last piece shorter than this joins the group before it. */
const MIN_GROUP = 3;

/**
 * The groups long chains fall into. A chain is a run of steps in which each step but the first
 * waits only on the one before, and that one feeds nothing else: nothing joins or leaves midway,
 * so drawing the run as one node hides no edge. Conditions are never grouped (their branches are
 * the point of drawing them).
 */
export function chainGroups(def: TDefinition): ChainGroup[] {
  const byKey = new Map(def.steps.map((s) => [s.key, s]));
  const dependents = new Map<string, string[]>();
  for (const s of def.steps) for (const d of new Set(s.depends_on)) if (byKey.has(d)) dependents.set(d, [...(dependents.get(d) ?? []), s.key]);
  const groupable = (s: TStep) => s.type !== "condition";
  /** Whether `s` continues the chain of the one step it waits on. */
  const continues = (s: TStep) => {
    if (!groupable(s) || new Set(s.depends_on).size !== 1) return false;
    const prev = byKey.get(s.depends_on[0]!);
    return !!prev && groupable(prev) && dependents.get(prev.key)?.length === 1;
  };
  const groups: ChainGroup[] = [];
  for (const start of def.steps) {
    if (!groupable(start) || continues(start)) continue;
    const chain = [start.key];
    for (let at = start.key; ; ) {
      const next = dependents.get(at);
      const step = next?.length === 1 ? byKey.get(next[0]!) : undefined;
      if (!step || !continues(step)) break;
      chain.push(step.key);
      at = step.key;
    }
    if (chain.length < MIN_CHAIN) continue;
    for (let i = 0; i < chain.length; i += GROUP_SIZE) {
      const rest = chain.length - (i + GROUP_SIZE);
      const keys = chain.slice(i, rest > 0 && rest < MIN_GROUP ? chain.length : i + GROUP_SIZE);
      groups.push({ id: `chain:${keys[0]}`, keys });
      if (keys.length > GROUP_SIZE) break;
    }
  }
  return groups;
}

/**
 * The definition as the canvas lays it out with `groups` closed: each group is one step in its
 * first step's place, waiting on what that step waited on, and what waited on its last step
 * waits on the group.
 */
export function collapseGroups(def: TDefinition, groups: readonly ChainGroup[]): TDefinition {
  if (groups.length === 0) return def;
  const groupOf = new Map<string, ChainGroup>();
  for (const g of groups) for (const k of g.keys) groupOf.set(k, g);
  const last = new Map(groups.map((g) => [g.keys[g.keys.length - 1]!, g.id]));
  const steps: TStep[] = [];
  for (const s of def.steps) {
    const g = groupOf.get(s.key);
    if (g && g.keys[0] !== s.key) continue;
    const depends_on = s.depends_on.map((d) => last.get(d) ?? d);
    steps.push(g ? { ...s, key: g.id, depends_on } : depends_on.some((d, i) => d !== s.depends_on[i]) ? { ...s, depends_on } : s);
  }
  return { ...def, steps };
}

/** "read_file ×6, edit_file ×4": what a group's steps do, most frequent first. */
export function describeGroup(byKey: ReadonlyMap<string, TStep>, keys: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const k of keys) {
    const s = byKey.get(k);
    const kind = s ? (s.type === "action" ? (s.action_kind ?? "action") : s.type) : "step";
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, 2).map(([k, n]) => (n > 1 ? `${k} ×${n}` : k));
  return sorted.length > 2 ? `${shown.join(", ")} and ${sorted.length - 2} more` : shown.join(", ");
}
