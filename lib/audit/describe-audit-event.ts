// An audit row in words: "published v3 (v2 was live)", "changed ada@example.test's role from
// member to admin". Pure, shared by the audit page; an action this does not know reads as its name.

type Details = Record<string, unknown>;
const q = (v: unknown) => (typeof v === "string" && v ? `“${v}”` : "");
const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(", ") : "");
const withComment = (text: string, d: Details) => (typeof d.comment === "string" && d.comment ? `${text}: “${d.comment}”` : text);

const SENTENCES: Record<string, (d: Details) => string> = {
  "automation.created": (d) => `created the automation ${q(d.name)}`,
  "automation.crystallized": (d) => `crystallized the automation${typeof d.source === "string" ? ` from ${d.source}` : ""}`,
  "automation.version_created": (d) => `saved draft v${d.version}${typeof d.message === "string" && d.message ? `: “${d.message}”` : ""}`,
  "automation.renamed": (d) => `renamed the automation to ${q(d.name)}`,
  "automation.version_restored": (d) => `restored v${d.restored} as draft v${d.version}`,
  "automation.step_reviewed": (d) => `reviewed step ${d.step_key}${d.version ? ` (v${d.version})` : ""}`,
  "automation.published": (d) => `published v${d.version}${d.previous ? ` (v${d.previous} was live)` : ", its first live version"}${d.forced ? ", without review" : ""}`,
  "automation.activated": (d) => `activated the automation${d.version ? ` (v${d.version})` : ""}${d.forced ? ", without review" : ""}`,
  "automation.paused": () => "paused the automation",
  "automation.run_started": (d) => `started a run by hand${typeof d.version === "number" ? ` of v${d.version}` : ""}`,
  "automation.deleted": () => "deleted the automation",
  "approval.approved": (d) => withComment("approved", d),
  "approval.rejected": (d) => withComment("rejected", d),
  "api_key.created": (d) => `created the API key ${q(d.name)}${d.role ? ` (${d.role})` : ""}`,
  "api_key.revoked": (d) => `revoked the API key ${q(d.name)}`,
  "member.role_changed": (d) => `changed ${d.email}'s role from ${d.from} to ${d.role}`,
  "member.removed": (d) => `removed ${d.email} (${d.role})`,
  "invite.created": (d) => `invited ${d.email} as ${d.role}`,
  "invite.revoked": (d) => `revoked the invite of ${d.email}`,
  "invite.accepted": (d) => `accepted the invite${d.role ? ` as ${d.role}` : ""}`,
  "trigger.created": (d) => `added a ${d.kind ?? ""} trigger`.replace("  ", " "),
  "trigger.updated": (d) => `changed the trigger's ${list(d.changed) || "settings"}`,
  "trigger.deleted": (d) => `deleted a ${d.kind ?? ""} trigger`.replace("  ", " "),
  "trigger.secret_rotated": () => "rotated the webhook's secret",
  "tool_provider.created": (d) => `added the tool provider ${q(d.name)}`,
  "tool_provider.deleted": (d) => `deleted the tool provider ${q(d.name)}`,
  "tool_provider.refreshed": (d) => `refreshed the tools of ${q(d.name)}${Array.isArray(d.tools) ? `: ${d.tools.length} tools` : ""}`,
  "tool_provider.refused": (d) => `was refused starting the tool provider ${q(d.name)}${typeof d.reason === "string" ? `: ${d.reason}` : ""}`,
  "tool_provider.migrated": (d) => `moved the tool provider ${q(d.name)} to its new settings`,
  "data_source.created": (d) => `added the data source ${q(d.name)}${typeof d.host === "string" ? ` on ${d.host}` : ""}`,
  "data_source.deleted": (d) => `deleted the data source ${q(d.name)}`,
  "workspace.settings_changed": (d) =>
    `workspace settings changed${Array.isArray(d.egress_allow_list) ? `: steps may reach ${d.egress_allow_list.length ? list(d.egress_allow_list) : "no private hosts"}` : ""}`,
};

export function describeAuditEvent({ action, details }: { action: string; details: Details }): string {
  const sentence = SENTENCES[action];
  return sentence ? sentence(details).trim() : action.replace(/[._]/g, " ");
}
