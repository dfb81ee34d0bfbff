import { z } from "zod";
import type { Db } from "../db";
import { newId } from "../ids";
import { sealValues } from "../security/secrets";
import type { ProviderConfig } from "../engine/executors/tools";
import { ZCreateProvider } from "./schemas";
import { presentProvider } from "./present-provider";
import { assertMayStart, type Audit } from "./assert-may-start";
import { fetchTools } from "./fetch-tools";

/** What is stored: header and env values may be credentials, so they are sealed. */
function sealedConfig(config: ProviderConfig): object {
  const { kind: _kind, ...rest } = config;
  return {
    ...rest,
    ...("headers" in rest ? { headers: sealValues(rest.headers) } : {}),
    ...("env" in rest ? { env: sealValues(rest.env) } : {}),
  };
}

/**
 * Registers a provider after asking it for its tools, so a dead server is refused at once. The
 * new row and its audit event are written in one transaction; a refused command is audited alone.
 */
export async function createProvider(db: Db, { workspaceId, body, audit }: { workspaceId: string; body: z.output<typeof ZCreateProvider>; audit: Audit }) {
  const { name, ...rest } = body;
  const config = rest as ProviderConfig;
  // A refused create names the id the provider would have had, so its audit event has a target.
  const id = newId("tp");
  await assertMayStart(db, audit, "body", { id, name, operation: "create" }, config);
  const tools = await fetchTools(db, { workspaceId, providerId: id, config });
  // The tools were listed first, outside the transaction: a slow server holds no database connection.
  return db.$transaction(async (tx) => {
    const row = await tx.toolProvider.create({ data: { id, workspaceId, name, kind: config.kind, config: sealedConfig(config), tools: tools as object[], refreshedAt: new Date() } });
    await audit(tx, { action: "tool_provider.created", targetType: "tool_provider", targetId: row.id, details: { name, kind: row.kind } });
    return presentProvider(row);
  });
}
