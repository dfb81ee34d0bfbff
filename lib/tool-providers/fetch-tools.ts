import { ApiError } from "../errors";
import type { Db } from "../db";
import { loadEgressPolicy } from "../security/egress";
import { listProviderTools, type ProviderConfig } from "../engine/executors/tools";

export async function fetchTools(db: Db, { workspaceId, providerId: id, config }: { workspaceId: string; providerId: string; config: ProviderConfig }) {
  try {
    return await listProviderTools(id, config, await loadEgressPolicy(db, workspaceId));
  } catch (err) {
    throw new ApiError("unprocessable", `Could not list the provider's tools: ${(err as Error).message}`, { field: "body" });
  }
}
