import { describe, expect, it } from "vitest";
import { firstUserText, NAME_MAX_CHARS, nameSource, shortenText } from "./name-source";

describe("shortenText", () => {
  it("keeps a short request as it is, on one line", () => {
    expect(shortenText("  Chart   revenue\n\tby region  ")).toBe("Chart revenue by region");
  });

  it("cuts a long request at a word boundary and marks the cut", () => {
    const text = "Pull last quarter's revenue by region from the warehouse and build a board for the sales team";
    const short = shortenText(text);
    expect(short).toBe("Pull last quarter's revenue by region from the warehouse…");
    expect(Array.from(short).length).toBeLessThanOrEqual(NAME_MAX_CHARS);
    expect(text.startsWith(short.slice(0, -1))).toBe(true);
  });

  it("keeps a word that ends right at the limit whole", () => {
    const text = `${"a".repeat(NAME_MAX_CHARS - 1)} tail`;
    expect(shortenText(text)).toBe(`${"a".repeat(NAME_MAX_CHARS - 1)}…`);
  });

  it("cuts a single long word mid-word rather than leaving almost nothing", () => {
    expect(shortenText("x".repeat(200))).toBe(`${"x".repeat(NAME_MAX_CHARS - 1)}…`);
    expect(shortenText(`Open https://example.test/${"p".repeat(100)}`)).toBe(`Open https://example.test/${"p".repeat(NAME_MAX_CHARS - 27)}…`);
  });

  it("drops punctuation left dangling before the cut", () => {
    expect(shortenText("Refund these orders, all of them: ORD-1, ORD-2, ORD-3, ORD-4, ORD-5, ORD-6", 40)).toBe("Refund these orders, all of them…");
    expect(shortenText("Refund these orders, all of them, every single one of them please", 38)).toBe("Refund these orders, all of them…");
  });

  it("never splits a character made of two UTF-16 units", () => {
    const short = shortenText("🙂".repeat(100));
    expect(short).toBe(`${"🙂".repeat(NAME_MAX_CHARS - 1)}…`);
  });
});

describe("nameSource", () => {
  it("prefers the user's request, then the agent's name, then the fallback", () => {
    expect(nameSource({ request: "Chart revenue by region", agent: "analyst", fallback: "imported (otlp)" })).toBe("Chart revenue by region");
    expect(nameSource({ request: null, agent: " analyst ", fallback: "imported (otlp)" })).toBe("analyst");
    expect(nameSource({ request: " \n ", agent: "", fallback: "imported (otlp)" })).toBe("imported (otlp)");
    expect(nameSource({ fallback: "Untitled thread" })).toBe("Untitled thread");
  });
});

describe("firstUserText", () => {
  it("skips system messages and blank user messages", () => {
    const messages = [
      { role: "system", text: "You are an analyst." },
      { role: "user", text: "  " },
      { role: "assistant", text: "Hello" },
      { role: "user", text: "Chart revenue" },
      { role: "user", text: "and orders" },
    ];
    expect(firstUserText(messages)).toBe("Chart revenue");
    expect(firstUserText([{ role: "assistant", text: "hi" }])).toBeNull();
  });
});
