import type { DbClient } from "../db";
import type { ToolProvider } from "../generated/prisma/client";
import { getActionKind } from "../actions/registry";
import { openValues } from "../security/secrets";
import type { TStep } from "../automations/schemas";
import { ZProviderConfig, type ProviderConfig, type ToolInfo } from "../engine/executors/tools";

/** A stored provider's config; the tools column is the truth for what an HTTP endpoint offers. */
export function providerConfigOf(row: Pick<ToolProvider, "config" | "kind" | "tools">): ProviderConfig {
  const stored = row.config as { headers?: Record<string, string>; env?: Record<string, string> };
  return ZProviderConfig.parse({
    ...stored,
    ...(stored.headers ? { headers: openValues(stored.headers) } : {}),
    ...(stored.env ? { env: openValues(stored.env) } : {}),
    kind: row.kind,
    ...(row.kind === "http" ? { tools: row.tools } : {}),
  });
}

export type BoundProvider = { id: string; name: string; config: ProviderConfig };

/** Providers of a workspace with the tools they offer, oldest first (the first match binds). */
export async function loadProviders(db: DbClient, workspaceId: string) {
  const rows = await db.toolProvider.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    config: providerConfigOf(r),
    tools: new Set((r.tools as ToolInfo[]).map((t) => t.name)),
  }));
}

type Loaded = Awaited<ReturnType<typeof loadProviders>>;

/**
 * The provider a tool step runs on: the one the step names, else the first offering a tool of
 * the step's action kind. Null when unbound; built-in kinds need none.
 */
export function bindStep(step: TStep, providers: Loaded): BoundProvider | null {
  if (step.type !== "action" || !step.action_kind || getActionKind(step.action_kind)) return null;
  const kind = step.action_kind;
  const p = step.provider_id ? providers.find((x) => x.id === step.provider_id && x.tools.has(kind)) : providers.find((x) => x.tools.has(kind));
  return p ? { id: p.id, name: p.name, config: p.config } : null;
}

export { needsProvider } from "../actions/registry";
