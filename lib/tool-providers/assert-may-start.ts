import { ApiError } from "../errors";
import type { AuditEntry } from "../audit/audit";
import type { Db, DbClient } from "../db";
import { stdioRefusal } from "../security/stdio-policy";
import type { ProviderConfig } from "../engine/executors/tools";

/** Writes an audit event as the caller, in `tx` (the handler context's `audit`). */
export type Audit = (tx: DbClient, entry: AuditEntry) => Promise<void>;

/**
 * Refuses a provider the server does not allow to start, before anything is started. The refusal
 * is audited (outside any transaction: nothing else is written) with what was asked for.
 * `where` prefixes the refused field: "body" for a request, "config" for a stored provider.
 */
export async function assertMayStart(db: Db, audit: Audit, where: "body" | "config", target: { id: string; name: string; operation: string }, config: ProviderConfig) {
  if (config.kind !== "mcp_stdio") return;
  const refusal = stdioRefusal(config);
  if (!refusal) return;
  await audit(db, {
    action: "tool_provider.refused",
    targetType: "tool_provider",
    targetId: target.id,
    details: {
      name: target.name,
      operation: target.operation,
      kind: config.kind,
      command: config.command.slice(0, 500),
      args: config.args.slice(0, 20).map((a) => a.slice(0, 200)),
      env_names: Object.keys(config.env),
      reason: refusal.reason,
      field: refusal.field,
    },
  });
  throw new ApiError("forbidden", refusal.message, { field: `${where}.${refusal.field}` });
}
