import { z } from "zod";

// Path parameter schemas shared by the route files.
const id = (prefix: string) => z.string().min(1).max(100).describe(`${prefix}_… id`);
export const ZRunParams = z.object({ run_id: id("run") });
export const ZThreadParams = z.object({ thread_id: id("thr") });
export const ZAutomationParams = z.object({ automation_id: id("auto") });
export const ZVersionParams = ZAutomationParams.extend({ version: z.coerce.number().int().positive().max(1_000_000) });
export const ZStepParams = ZAutomationParams.extend({ step_key: z.string().min(1).max(100) });
export const ZKeyParams = z.object({ key_id: id("key") });
export const ZAutomationRunParams = z.object({ run_id: id("arun") });
export const ZApprovalParams = z.object({ approval_id: id("apr") });
export const ZTriggerParams = z.object({ trigger_id: id("trg") });
export const ZProviderParams = z.object({ provider_id: id("tp") });
export const ZDataSourceParams = z.object({ data_source_id: id("ds") });
export const ZFlashboardParams = z.object({ flashboard_id: id("fb") });
export const ZInviteParams = z.object({ invite_id: id("inv") });
export const ZMemberParams = z.object({ user_id: z.string().min(1).max(100).describe("the member's user id") });
