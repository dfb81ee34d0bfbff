import { z } from "zod";
import { ApiError } from "../errors";
import type { DbClient } from "../db";
import { operatorEgress, workspaceEntryProblem, type EgressPolicy } from "../security/egress";

export const ZWorkspaceSettings = z.object({
  id: z.string(),
  name: z.string(),
  egress_allow_list: z.array(z.string()),
  /** What the operator opened for every workspace, and the bounds a workspace's own entries must stay within. */
  egress_operator: z.object({ allow: z.array(z.string()), permit: z.array(z.string()) }),
}).meta({ id: "WorkspaceSettings" });
export type WorkspaceSettings = z.output<typeof ZWorkspaceSettings>;

export const ZUpdateWorkspace = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    egress_allow_list: z
      .array(z.string().trim().min(1).max(253))
      .max(100)
      .optional()
      .describe('private hosts steps may reach: names ("localhost", "*.corp.example"), IPs or CIDR networks'),
  })
  .refine((b) => b.name !== undefined || b.egress_allow_list !== undefined, { message: "give name or egress_allow_list" });

const entries = (p: EgressPolicy) => [...p.names, ...p.networks.map(([net, bits]) => `${net.toString()}/${bits}`)];

const present = (w: { id: string; name: string; egressAllowList: string[] }) => {
  const { allow, permit } = operatorEgress();
  return { id: w.id, name: w.name, egress_allow_list: w.egressAllowList, egress_operator: { allow: entries(allow), permit: entries(permit) } };
};

export async function getWorkspaceSettings(db: DbClient, workspaceId: string) {
  return present(await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } }));
}

export async function updateWorkspaceSettings(db: DbClient, { workspaceId, body }: { workspaceId: string; body: z.output<typeof ZUpdateWorkspace> }) {
  if (body.egress_allow_list) {
    for (const [i, entry] of body.egress_allow_list.entries()) {
      const problem = workspaceEntryProblem(entry);
      if (problem) throw new ApiError("validation_error", `body.egress_allow_list[${i}]: ${problem}`, { field: `body.egress_allow_list[${i}]` });
    }
  }
  const row = await db.workspace.update({
    where: { id: workspaceId },
    data: { ...(body.name ? { name: body.name } : {}), ...(body.egress_allow_list ? { egressAllowList: [...new Set(body.egress_allow_list)] } : {}) },
  });
  return present(row);
}
