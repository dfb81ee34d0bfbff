import { z } from "zod";
import { ZRole } from "../invites/schemas";

// What /me and /workspaces answer.

export const ZMe = z
  .object({
    workspace: z.object({ id: z.string(), name: z.string() }),
    actor: z.object({ type: z.enum(["user", "key"]), id: z.string(), role: ZRole }),
  })
  .meta({ id: "Me" });
export type Me = z.output<typeof ZMe>;

export const ZWorkspaceEntry = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The caller's role in it. */
    role: ZRole,
    /** The workspace this request ran in. */
    current: z.boolean(),
  })
  .meta({ id: "WorkspaceEntry" });
export type WorkspaceEntry = z.output<typeof ZWorkspaceEntry>;

export const ZWorkspaceList = z.object({ data: z.array(ZWorkspaceEntry) });
export type WorkspaceList = z.output<typeof ZWorkspaceList>;
