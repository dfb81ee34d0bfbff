import { describe, expect, it } from "vitest";
import { routePath } from "./routed-edge";

describe("routed edge path", () => {
  it("runs straight without bends, and curves through the midpoints between bends", () => {
    expect(routePath([{ x: 0, y: 0 }, { x: 0, y: 100 }])).toBe("M 0,0 L 0,100");
    expect(routePath([{ x: 0, y: 0 }, { x: 50, y: 50 }, { x: 50, y: 150 }, { x: 0, y: 200 }])).toBe("M 0,0 Q 50,50 50,100 Q 50,150 0,200");
  });
});
