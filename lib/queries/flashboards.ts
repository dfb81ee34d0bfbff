import { queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { Flashboard, FlashboardSummary } from "../client/types";

export const flashboardKeys = {
  all: ["flashboards"] as const,
  list: () => ["flashboards", "list"] as const,
  detail: (id: string) => ["flashboards", id] as const,
};

export const flashboardListQuery = () => queryOptions({ queryKey: flashboardKeys.list(), queryFn: () => api<{ data: FlashboardSummary[] }>("/api/v1/flashboards") });

export const flashboardQuery = (id: string) => queryOptions({ queryKey: flashboardKeys.detail(id), queryFn: () => api<Flashboard>(`/api/v1/flashboards/${id}`) });
