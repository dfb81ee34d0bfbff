import { z } from "zod";

// Request schemas of the engine's routes.

export const ZActivateBody = z.object({ force: z.boolean().default(false) }).default({ force: false });
export const ZStartRunBody = z.object({ input: z.record(z.string(), z.unknown()).default({}) }).default({ input: {} });
export const ZRunListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  status: z.enum(["queued", "running", "waiting_for_approval", "succeeded", "failed", "canceled"]).optional(),
  automation_id: z.string().max(100).optional(),
});
export const ZDecisionBody = z.object({ comment: z.string().max(2000).optional() }).default({});
export const ZApprovalListQuery = z.object({
  status: z.enum(["pending", "approved", "rejected", "timed_out", "canceled", "all"]).default("pending"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const ZEventBody = z.object({
  name: z.string().trim().min(1).max(200).regex(/^[\w.:-]+$/, "letters, digits and . _ : - only"),
  payload: z.record(z.string(), z.unknown()).default({}),
});
export const ZCreateDataSource = z.object({
  name: z.string().trim().min(1).max(100).regex(/^[\w.-]+$/, "letters, digits and . _ - only"),
  connection_string: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").max(2000),
});
