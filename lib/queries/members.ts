import { queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { Invite, Member } from "../client/types";

export const memberKeys = {
  all: ["members"] as const,
  list: () => ["members", "list"] as const,
};

export const inviteKeys = {
  all: ["invites"] as const,
  list: () => ["invites", "list"] as const,
};

export const memberListQuery = () => queryOptions({ queryKey: memberKeys.list(), queryFn: () => api<{ data: Member[] }>("/api/v1/members") });

export const inviteListQuery = () => queryOptions({ queryKey: inviteKeys.list(), queryFn: () => api<{ data: Invite[] }>("/api/v1/invites") });
