import { describe, expect, it } from "vitest";
import { sortSmall } from "./sort-small";

describe("sortSmall", () => {
  it("sorts as the built-in sort does, stably, at every length either side of the hand-over", () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let n = 0; n <= 40; n++) {
      const items = Array.from({ length: n }, (_, i) => ({ rank: next() % 5, at: i }));
      const byRank = (a: { rank: number }, b: { rank: number }) => a.rank - b.rank;
      expect(sortSmall([...items], byRank)).toEqual([...items].sort(byRank));
    }
  });
});
