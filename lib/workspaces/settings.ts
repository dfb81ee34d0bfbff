import { z } from "zod";
import { ApiError } from "../api/errors";
import type { DbClient } from "../db";
import { parseAllowList } from "../security/egress";

export const ZWorkspaceSettings = z.object({
  id: z.string(),
  name: z.string(),
  egress_allow_list: z.array(z.string()),
});

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

const present = (w: { id: string; name: string; egressAllowList: string[] }) => ({ id: w.id, name: w.name, egress_allow_list: w.egressAllowList });

export async function getWorkspaceSettings(db: DbClient, workspaceId: string) {
  return present(await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } }));
}

export async function updateWorkspaceSettings(db: DbClient, workspaceId: string, body: z.output<typeof ZUpdateWorkspace>) {
  if (body.egress_allow_list) {
    for (const [i, entry] of body.egress_allow_list.entries()) {
      const parsed = parseAllowList([entry]);
      if (typeof parsed === "string") throw new ApiError("validation_error", `body.egress_allow_list[${i}]: ${parsed}`, { field: `body.egress_allow_list[${i}]` });
    }
  }
  const row = await db.workspace.update({
    where: { id: workspaceId },
    data: { ...(body.name ? { name: body.name } : {}), ...(body.egress_allow_list ? { egressAllowList: [...new Set(body.egress_allow_list)] } : {}) },
  });
  return present(row);
}
