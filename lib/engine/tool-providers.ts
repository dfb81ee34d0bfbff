import { z } from "zod";
import { ApiError } from "../errors";
import type { AuditEntry } from "../audit/audit";
import type { Db, DbClient } from "../db";
import type { ToolProvider } from "../generated/prisma/client";
import { newId } from "../ids";
import { loadEgressPolicy } from "../security/egress";
import { sealValues } from "../security/secrets";
import { providerConfigOf } from "../tool-providers/load-providers";
import { stdioRefusal } from "../security/stdio-policy";
import { listProviderTools, ZProviderConfig, type ProviderConfig } from "./executors/tools";

export const ZCreateProvider = z.intersection(z.object({ name: z.string().trim().min(1).max(100) }), ZProviderConfig);

export const presentProvider = (p: ToolProvider) => {
  const cfg = p.config as Record<string, unknown>;
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    // Header values and env may hold credentials: only their names are shown.
    config: {
      ...(cfg.server ? { server: cfg.server } : {}),
      ...(cfg.command ? { command: cfg.command, args: cfg.args } : {}),
      ...(cfg.url ? { url: cfg.url } : {}),
      ...(cfg.headers ? { header_names: Object.keys(cfg.headers as object) } : {}),
      ...(cfg.env ? { env_names: Object.keys(cfg.env as object) } : {}),
    },
    tools: p.tools,
    refreshed_at: p.refreshedAt?.toISOString() ?? null,
    created_at: p.createdAt.toISOString(),
  };
};

/** What is stored: header and env values may be credentials, so they are sealed. */
function sealedConfig(config: ProviderConfig): object {
  const { kind: _kind, ...rest } = config;
  return {
    ...rest,
    ...("headers" in rest ? { headers: sealValues(rest.headers) } : {}),
    ...("env" in rest ? { env: sealValues(rest.env) } : {}),
  };
}

/** Writes an audit event as the caller, in `tx` (the handler context's `audit`). */
type Audit = (tx: DbClient, entry: AuditEntry) => Promise<void>;

/**
 * Refuses a provider the server does not allow to start, before anything is started. The refusal
 * is audited (outside any transaction: nothing else is written) with what was asked for.
 * `where` prefixes the refused field: "body" for a request, "config" for a stored provider.
 */
async function assertMayStart(db: Db, audit: Audit, where: "body" | "config", target: { id: string; name: string; operation: string }, config: ProviderConfig) {
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

async function fetchTools(db: Db, workspaceId: string, id: string, config: ProviderConfig) {
  try {
    return await listProviderTools(id, config, await loadEgressPolicy(db, workspaceId));
  } catch (err) {
    throw new ApiError("unprocessable", `Could not list the provider's tools: ${(err as Error).message}`, { field: "body" });
  }
}

/**
 * Registers a provider after asking it for its tools, so a dead server is refused at once. The
 * new row and its audit event are written in one transaction; a refused command is audited alone.
 */
export async function createProvider(db: Db, workspaceId: string, body: z.output<typeof ZCreateProvider>, audit: Audit) {
  const { name, ...rest } = body;
  const config = rest as ProviderConfig;
  // A refused create names the id the provider would have had, so its audit event has a target.
  const id = newId("tp");
  await assertMayStart(db, audit, "body", { id, name, operation: "create" }, config);
  const tools = await fetchTools(db, workspaceId, id, config);
  // The tools were listed first, outside the transaction: a slow server holds no database connection.
  return db.$transaction(async (tx) => {
    const row = await tx.toolProvider.create({ data: { id, workspaceId, name, kind: config.kind, config: sealedConfig(config), tools: tools as object[], refreshedAt: new Date() } });
    await audit(tx, { action: "tool_provider.created", targetType: "tool_provider", targetId: row.id, details: { name, kind: row.kind } });
    return presentProvider(row);
  });
}

export async function getProviderOrThrow(db: DbClient, workspaceId: string, id: string) {
  const p = await db.toolProvider.findFirst({ where: { id, workspaceId } });
  if (!p) throw new ApiError("not_found", `Tool provider ${id} not found`);
  return p;
}

/** Asks a stored provider again what it offers; a command the server no longer allows is not started. */
export async function refreshProvider(db: Db, workspaceId: string, id: string, audit: Audit) {
  const p = await getProviderOrThrow(db, { workspaceId, providerId: id });
  const config = providerConfigOf(p);
  await assertMayStart(db, audit, "config", { id: p.id, name: p.name, operation: "refresh" }, config);
  const tools = await fetchTools(db, workspaceId, p.id, config);
  return db.$transaction(async (tx) => {
    const row = await tx.toolProvider.update({ where: { id: p.id }, data: { tools: tools as object[], refreshedAt: new Date() } });
    await audit(tx, { action: "tool_provider.refreshed", targetType: "tool_provider", targetId: row.id, details: { name: row.name, kind: row.kind, tools: tools.slice(0, 200).map((t) => t.name) } });
    return presentProvider(row);
  });
}
