import { describe, expect, it } from "vitest";
import { reviewerName } from "./reviewer-name";

describe("reviewerName", () => {
  const names = { "user:usr_1": "Jane Doe", "key:key_1": "Deploy bot" };

  it("names a member and an API key the workspace knows", () => {
    expect(reviewerName("user:usr_1", names)).toBe("Jane Doe");
    expect(reviewerName("key:key_1", names)).toBe("API key “Deploy bot”");
  });

  it("says what kind of reviewer it was when the name is not known, never the raw id", () => {
    expect(reviewerName("user:usr_gone", names)).toBe("a former member");
    expect(reviewerName("key:key_gone", names)).toBe("an API key");
  });

  it("keeps any other label as it is", () => {
    expect(reviewerName("system", names)).toBe("system");
  });
});
