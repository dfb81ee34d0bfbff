import { z } from "zod";
import { ApiError } from "../api/errors";
import type { Db, DbClient } from "../db";
import type { ToolProvider } from "../generated/prisma/client";
import { newId } from "../ids";
import { loadEgressPolicy } from "../security/egress";
import { sealValues } from "../security/secrets";
import { providerConfigOf } from "./providers";
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

type Presented = ReturnType<typeof presentProvider>;

async function fetchTools(db: Db, workspaceId: string, id: string, config: ProviderConfig) {
  try {
    return await listProviderTools(id, config, await loadEgressPolicy(db, workspaceId));
  } catch (err) {
    throw new ApiError("unprocessable", `Could not list the provider's tools: ${(err as Error).message}`, { field: "body" });
  }
}

/** Registers a provider after asking it for its tools, so a dead server is refused at once. */
/** `alsoInTx` writes with the new row, in its transaction (the audit event). */
export async function createProvider(db: Db, workspaceId: string, body: z.output<typeof ZCreateProvider>, alsoInTx?: (tx: DbClient, p: Presented) => Promise<unknown>) {
  if (body.kind === "mcp_stdio" && process.env.ALLOW_STDIO_TOOLS === "0")
    throw new ApiError("forbidden", "Stdio tool providers are disabled on this server (ALLOW_STDIO_TOOLS=0)");
  const { name, ...config } = body;
  const id = newId("tp");
  const tools = await fetchTools(db, workspaceId, id, config as ProviderConfig);
  // The tools were listed first, outside the transaction: a slow server holds no database connection.
  return db.$transaction(async (tx) => {
    const row = await tx.toolProvider.create({ data: { id, workspaceId, name, kind: config.kind, config: sealedConfig(config as ProviderConfig), tools: tools as object[], refreshedAt: new Date() } });
    const presented = presentProvider(row);
    await alsoInTx?.(tx, presented);
    return presented;
  });
}

export async function getProviderOrThrow(db: DbClient, workspaceId: string, id: string) {
  const p = await db.toolProvider.findFirst({ where: { id, workspaceId } });
  if (!p) throw new ApiError("not_found", `Tool provider ${id} not found`);
  return p;
}

export async function refreshProvider(db: Db, workspaceId: string, id: string) {
  const p = await getProviderOrThrow(db, workspaceId, id);
  const tools = await fetchTools(db, workspaceId, p.id, providerConfigOf(p));
  return presentProvider(await db.toolProvider.update({ where: { id: p.id }, data: { tools: tools as object[], refreshedAt: new Date() } }));
}
