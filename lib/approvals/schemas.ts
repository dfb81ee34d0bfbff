import { z } from "zod";

export const ZDecisionBody = z.object({ comment: z.string().max(2000).optional() }).default({});

export const ZApprovalListQuery = z.object({
  status: z.enum(["pending", "approved", "rejected", "timed_out", "canceled", "all"]).default("pending"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
