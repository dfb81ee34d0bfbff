import { isPlainObject } from "../json";

// Deep comparison of two JSON values that names where they differ. Shared by the replay check
// (output vs recorded result) and the version diff (inputs of one version vs another); pure, so
// the browser can run it too.

export type ValueDifference = {
  /** JSON Pointer of the differing value; "" is the whole value. */
  path: string;
  /** `added`: only `after` has it; `removed`: only `before` has it. */
  change: "changed" | "added" | "removed";
  before?: unknown;
  after?: unknown;
};

export type ValueComparison = { equal: boolean; differences: ValueDifference[]; /** Every difference, also those past `limit`. */ total: number };

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Where `after` differs from `before`. Object key order never counts; arrays compare element by
 * element, so a list that grew reports its new elements as added. Only the first `limit`
 * differences are listed, but all are counted. Walks with a stack, not recursion, so an
 * arbitrarily deep tool output cannot overflow it.
 */
export function compareValues(before: unknown, after: unknown, { limit = Infinity }: { limit?: number } = {}): ValueComparison {
  const differences: ValueDifference[] = [];
  let total = 0;
  const note = (d: ValueDifference) => {
    total++;
    if (differences.length < limit) differences.push(d);
  };
  const stack: [path: string, before: unknown, after: unknown][] = [["", before, after]];
  while (stack.length) {
    const [path, b, a] = stack.pop()!;
    if (Object.is(a, b) || (a === 0 && b === 0)) continue;
    const children: [string, unknown, unknown][] = [];
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) children.push([`${path}/${i}`, b[i], a[i]]);
    } else if (isPlainObject(a) && isPlainObject(b)) {
      const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !Object.hasOwn(b, k))];
      for (const k of keys) children.push([`${path}/${escapePointer(k)}`, b[k], a[k]]);
    } else {
      note(b === undefined ? { path, change: "added", after: a } : a === undefined ? { path, change: "removed", before: b } : { path, change: "changed", before: b, after: a });
      continue;
    }
    // Pushed in reverse so differences come out in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { equal: total === 0, differences, total };
}
