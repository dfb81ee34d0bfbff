import { z } from "zod";
import { ZStepKey } from "../automations/schemas";

// Request schemas of schedules, webhooks and events: what starts an active automation without anyone pressing Run.

const ZInput = z.record(z.string(), z.unknown()).default({});
/** For senders whose payload you do not shape (a SaaS webhook, a run's end): it all goes into this one parameter. */
const ZPayloadParameter = ZStepKey.describe("the parameter that receives the whole payload; without it, each payload key must name a parameter");

export const ZCreateTrigger = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("schedule"),
    cron: z.string().trim().min(9).max(120),
    timezone: z.string().max(64).default("UTC"),
    catch_up_seconds: z.number().int().min(0).max(7 * 86400).default(3600),
    allow_overlap: z.boolean().default(false),
    input: ZInput,
    enabled: z.boolean().default(true),
  }),
  z.object({ kind: z.literal("webhook"), input: ZInput, payload_parameter: ZPayloadParameter.optional(), enabled: z.boolean().default(true) }),
  z.object({
    kind: z.literal("event"),
    event_name: z.string().trim().min(1).max(200).regex(/^[\w.:-]+$/, "letters, digits and . _ : - only"),
    input: ZInput,
    payload_parameter: ZPayloadParameter.optional(),
    enabled: z.boolean().default(true),
  }),
]);

export const ZUpdateTrigger = z.object({
  enabled: z.boolean().optional(),
  cron: z.string().trim().min(9).max(120).optional(),
  timezone: z.string().max(64).optional(),
  catch_up_seconds: z.number().int().min(0).max(7 * 86400).optional(),
  allow_overlap: z.boolean().optional(),
  input: z.record(z.string(), z.unknown()).optional(),
  /** null: each payload key names a parameter again. */
  payload_parameter: ZPayloadParameter.nullable().optional(),
});

export const ZEventBody = z.object({
  name: z.string().trim().min(1).max(200).regex(/^[\w.:-]+$/, "letters, digits and . _ : - only"),
  payload: z.record(z.string(), z.unknown()).default({}),
});
