import { describe, expect, it } from "vitest";
import { canonicalJson, sortedKeys } from "./json";

describe("sortedKeys", () => {
  it("orders keys as the built-in sort does, for few keys and many", () => {
    const objects: object[] = [
      {},
      { b: 1, a: 2 },
      { 10: 1, 9: 2, a: 3, B: 4, _: 5, "é": 6, "a b": 7, "": 8 },
      Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${(i * 7) % 40}`, i])),
    ];
    // Every length either side of where it hands over to the built-in sort, keys in reverse order.
    for (let n = 0; n <= 20; n++) objects.push(Object.fromEntries(Array.from({ length: n }, (_, i) => [`key_${n - i}`, i])));
    for (const o of objects) expect(sortedKeys(o)).toEqual(Object.keys(o).sort());
  });

  it("gives canonical JSON that ignores key order", () => {
    expect(canonicalJson({ b: [{ y: 1, x: 2 }], a: null })).toBe('{"a":null,"b":[{"x":2,"y":1}]}');
  });
});
