import { describe, expect, it } from "vitest";
import { describeConnectionError } from "./describe-connection-error";

describe("describeConnectionError", () => {
  it("says socket errors in words and keeps what it does not know", () => {
    expect(describeConnectionError("cannot connect to the data source: getaddrinfo ENOTFOUND db.example.invalid")).toBe(
      "cannot connect to the data source: the host db.example.invalid was not found (check its name)",
    );
    expect(describeConnectionError("cannot connect to the data source: connect ECONNREFUSED 127.0.0.1:5999")).toBe(
      "cannot connect to the data source: nothing accepts connections at 127.0.0.1:5999 (is the database running on that port?)",
    );
    expect(describeConnectionError('role "x" is a superuser')).toBe('role "x" is a superuser');
  });
});
