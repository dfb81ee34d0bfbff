import { z } from "zod";

export const ZStartRunBody = z
  .object({
    input: z.record(z.string(), z.unknown()).default({}),
    /** The version to run; by default the live one, or the draft head when nothing was published. */
    version: z.number().int().min(1).optional(),
  })
  .default({ input: {} });

export const ZRunListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  status: z.enum(["queued", "running", "waiting_for_approval", "succeeded", "failed", "canceled"]).optional(),
  automation_id: z.string().max(100).optional(),
});
