import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { getWorkspaceSettings, updateWorkspaceSettings, ZUpdateWorkspace, ZWorkspaceSettings } from "@/lib/workspaces/settings";

// GET /api/v1/workspaces/current
export const GET = withWorkspace(({ db, workspaceId }) => getWorkspaceSettings(db, workspaceId), { summary: "The workspace's name and security settings", response: ZWorkspaceSettings });

// PATCH /api/v1/workspaces/current
export const PATCH = withWorkspace(
  async ({ workspaceId, body, audited }) => {
    return audited(
      (tx) => updateWorkspaceSettings(tx, { workspaceId, body }),
      (w) => ({ action: "workspace.settings_changed", targetType: "workspace", targetId: w.id, details: { name: w.name, egress_allow_list: w.egress_allow_list } }),
    );
  },
  { summary: "Rename the workspace, or change which private hosts steps may reach", body: ZUpdateWorkspace, response: ZWorkspaceSettings, roles: ADMINS },
);
