import { z } from "zod";
import { stored } from "../api/stored";
import { page } from "../pagination";

// What the approval routes answer (presentApproval, with presenters/add-approval-context).

export const ZApprovalStatus = z.enum(["pending", "approved", "rejected", "timed_out", "canceled"]);
export type ApprovalStatus = z.output<typeof ZApprovalStatus>;

export const ZRunStart = z
  .object({
    kind: z.string().describe("manual, schedule, webhook, event or retry"),
    trigger_id: z.string().nullable(),
    by: z.string().nullable().describe("who started a manual run (an email, or an API key by name); null when not recorded"),
    description: z.string().describe('in words, e.g. "manually by ada@example.test" or "on schedule 0 9 * * 1-5 (Europe/Paris)"'),
  })
  .meta({ id: "RunStart" });

export const ZApprovalRun = z.object({
  id: z.string(),
  status: z.string(),
  version: z.number().int(),
  created_at: z.string(),
  started_by: ZRunStart,
});

export const ZGatedStep = z
  .object({
    key: z.string(),
    name: z.string().nullable(),
    action_kind: z.string().nullable(),
    status: z.string().describe("the step's status in the run"),
    /** What the step will be sent, as far as it is known now; unresolved paths hold null. Once the step started: what it was sent. */
    inputs: stored(z.record(z.string(), z.unknown())),
    /** Inputs not known while the gate waits (bound to the gate or a step that has not run, or set per loop item), each with why. */
    unresolved: z.array(z.object({ input_path: z.string(), reason: z.string() })),
    loop: z.string().nullable().describe("for a looping step: how often it runs, in words"),
    summary: z.string().describe('the step and its inputs in words, e.g. "issue_refund: amount 89, payment pay_9Kx4Tn"'),
  })
  .meta({ id: "GatedStep" });

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
    automation: z.object({ id: z.string(), name: z.string().nullable().describe("null when the automation was deleted") }),
    /** Null when the run was deleted with its automation. */
    run: ZApprovalRun.nullable(),
    /** The action steps the gate holds back (directly or through conditions), in definition order. */
    gated_steps: z.array(ZGatedStep),
  })
  .meta({ id: "Approval" });
export type Approval = z.output<typeof ZApproval>;

export const ZApprovalPage = page(ZApproval);
export type ApprovalPage = z.output<typeof ZApprovalPage>;

export const ZPendingApprovalCount = z.object({ pending: z.number().int().min(0) });
