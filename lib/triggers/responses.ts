import { z } from "zod";
import { stored } from "../api/stored";

// What the trigger, webhook, event and cron-preview routes answer (presentTrigger, receiveWebhook,
// emitEvent).

const base = {
  id: z.string(),
  automation_id: z.string(),
  enabled: z.boolean(),
  /** Merged under the payload as the run's input. */
  input: z.unknown(),
  created_at: z.string(),
  updated_at: z.string(),
};

export const ZScheduleTrigger = z
  .object({
    ...base,
    kind: z.literal("schedule"),
    cron: z.string(),
    timezone: z.string(),
    /** The schedule in plain language, with its zone. */
    description: z.string(),
    next_fire_times: z.array(z.string()),
    catch_up_seconds: z.number().int(),
    allow_overlap: z.boolean(),
    last_fired_at: z.string().nullable(),
  })
  .meta({ id: "ScheduleTrigger" });

export const ZWebhookTrigger = z
  .object({
    ...base,
    kind: z.literal("webhook"),
    url: z.string(),
    payload_parameter: z.string().nullable().describe("the parameter that receives the whole payload; when null, each payload key names a parameter"),
    /** How deliveries are signed. */
    signature_header: z.string(),
    /** Only in the response that created or rotated it: the stored secret is sealed. */
    secret: z.string().optional(),
  })
  .meta({ id: "WebhookTrigger" });

export const ZEventTrigger = z
  .object({
    ...base,
    kind: z.literal("event"),
    event_name: z.string(),
    payload_parameter: z.string().nullable().describe("the parameter that receives the whole payload; when null, each payload key names a parameter"),
  })
  .meta({ id: "EventTrigger" });

// presentTrigger's kind is the column's enum, not narrowed per branch: the parse does the narrowing.
export const ZTrigger = stored(z.discriminatedUnion("kind", [ZScheduleTrigger, ZWebhookTrigger, ZEventTrigger]).meta({ id: "Trigger" }));
export type ScheduleTrigger = z.output<typeof ZScheduleTrigger>;
export type WebhookTrigger = z.output<typeof ZWebhookTrigger>;
export type EventTrigger = z.output<typeof ZEventTrigger>;
export type Trigger = z.output<typeof ZTrigger>;

export const ZTriggerList = z.object({ data: z.array(ZTrigger) });
export type TriggerList = z.output<typeof ZTriggerList>;

export const ZWebhookAccepted = z
  .object({
    run_id: z.string(),
    /** True when this signed delivery was received before: no second run was started. */
    replayed: z.boolean(),
    /** With `?wait=`: the run's status once it ended or parked in time (absent when it had not). */
    status: z.enum(["succeeded", "failed", "canceled", "waiting_for_approval"]).optional(),
    /** With `?wait=`: the output of a succeeded run (what its last steps produced). */
    output: z.unknown().optional(),
    /** With `?wait=`: why a failed run failed. */
    error: z.string().nullable().optional(),
  })
  .meta({ id: "WebhookAccepted" });
export type WebhookAccepted = z.output<typeof ZWebhookAccepted>;

export const ZStartedRun = z.object({ trigger_id: z.string(), automation_id: z.string(), run_id: z.string() });
export type StartedRun = z.output<typeof ZStartedRun>;

export const ZEventEmitted = z
  .object({
    /** The event chain the runs belong to; runs they cause continue it. */
    chain_id: z.string(),
    runs: z.array(ZStartedRun),
    /** Runs a chain bound refused, recorded as canceled runs saying why. */
    refused: z.array(ZStartedRun.extend({ reason: z.string() })),
  })
  .meta({ id: "EventEmitted" });
export type EventEmitted = z.output<typeof ZEventEmitted>;

export const ZCronPreview = z
  .object({ description: z.string(), next_fire_times: z.array(z.string()) })
  .meta({ id: "CronPreview" });
export type CronPreview = z.output<typeof ZCronPreview>;
