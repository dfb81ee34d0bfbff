import { z } from "zod";
import { page } from "../pagination";

// What the approval routes answer (presentApproval).

export const ZApprovalStatus = z.enum(["pending", "approved", "rejected", "timed_out", "canceled"]);
export type ApprovalStatus = z.output<typeof ZApprovalStatus>;

export const ZApproval = z
  .object({
    id: z.string(),
    run_id: z.string(),
    automation_id: z.string(),
    step_key: z.string(),
    status: ZApprovalStatus,
    /** What the gate asks the approver. */
    message: z.string(),
    comment: z.string().nullable(),
    decided_by: z.string().nullable(),
    decided_at: z.string().nullable(),
    expires_at: z.string().nullable(),
    on_timeout: z.string().describe("reject or continue: what a timeout counts as"),
    created_at: z.string(),
  })
  .meta({ id: "Approval" });
export type Approval = z.output<typeof ZApproval>;

export const ZApprovalPage = page(ZApproval);
export type ApprovalPage = z.output<typeof ZApprovalPage>;
