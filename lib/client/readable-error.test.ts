import { describe, expect, it } from "vitest";
import { readableError } from "./readable-error";

describe("readableError", () => {
  it("names the field in words instead of the API's path", () => {
    expect(readableError("query.cron: not a valid cron expression")).toBe("Cron: not a valid cron expression");
    expect(readableError("body.egress_allow_list[0]: 10.0.0.0/33 is not a host, IP or CIDR")).toBe("Egress allow list #1: 10.0.0.0/33 is not a host, IP or CIDR");
    expect(readableError("input.region: must be a string")).toBe("Input region: must be a string");
  });

  it("leaves sentences alone", () => {
    expect(readableError("Cannot publish: say: not reviewed")).toBe("Cannot publish: say: not reviewed");
    expect(readableError("Automation auto_1 not found")).toBe("Automation auto_1 not found");
  });
});
