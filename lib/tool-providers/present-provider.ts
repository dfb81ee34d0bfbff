import type { ToolProvider } from "../generated/prisma/client";

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
