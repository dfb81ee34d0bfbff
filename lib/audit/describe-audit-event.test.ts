import { describe, expect, it } from "vitest";
import { describeAuditEvent } from "./describe-audit-event";

describe("describeAuditEvent", () => {
  it("puts each row in words", () => {
    expect(describeAuditEvent({ action: "automation.published", details: { version: 3, previous: 2, forced: false } })).toBe("published v3 (v2 was live)");
    expect(describeAuditEvent({ action: "automation.published", details: { version: 1, previous: null } })).toBe("published v1, its first live version");
    expect(describeAuditEvent({ action: "member.role_changed", details: { email: "bo@example.test", from: "member", role: "admin" } })).toBe("changed bo@example.test's role from member to admin");
    expect(describeAuditEvent({ action: "approval.rejected", details: { comment: "Wrong amount" } })).toBe("rejected: “Wrong amount”");
    expect(describeAuditEvent({ action: "trigger.updated", details: { changed: ["cron", "timezone"] } })).toBe("changed the trigger's cron, timezone");
    expect(describeAuditEvent({ action: "workspace.settings_changed", details: { egress_allow_list: ["10.0.0.0/8"] } })).toBe("workspace settings changed: steps may reach 10.0.0.0/8");
  });

  it("reads an action it does not know as its name", () => {
    expect(describeAuditEvent({ action: "billing.plan_changed", details: {} })).toBe("billing plan changed");
  });
});
