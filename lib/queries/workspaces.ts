import { queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { Me, WorkspaceOption, WorkspaceSettings } from "../client/types";

/**
 * Who is calling (["me"]) and the workspaces: ["workspaces", "list"] for the switcher and
 * ["workspaces", "current"] for the current one's settings. A role change touches both ["me"] and
 * the list, which shows each workspace's role.
 */
export const meKeys = { all: ["me"] as const };

export const workspaceKeys = {
  all: ["workspaces"] as const,
  list: () => ["workspaces", "list"] as const,
  current: () => ["workspaces", "current"] as const,
};

export const meQuery = () => queryOptions({ queryKey: meKeys.all, queryFn: () => api<Me>("/api/v1/me") });

export const workspaceListQuery = () => queryOptions({ queryKey: workspaceKeys.list(), queryFn: () => api<{ data: WorkspaceOption[] }>("/api/v1/workspaces") });

export const workspaceSettingsQuery = () => queryOptions({ queryKey: workspaceKeys.current(), queryFn: () => api<WorkspaceSettings>("/api/v1/workspaces/current") });
