import { z } from "zod";
import { withWorkspace } from "@/lib/api/handler";
import { describeCron, nextFireTimes } from "@/lib/triggers/next-fire-times";
import { ZCronPreview } from "@/lib/triggers/responses";

// GET /api/v1/cron-preview
export const GET = withWorkspace(
  async ({ query }) => ({
    description: `${describeCron(query.cron)} (${query.timezone})`,
    next_fire_times: nextFireTimes(query.cron, query.timezone, new Date(), 5, "query").map((d) => d.toISOString()),
  }),
  {
    summary: "A schedule (?cron=&timezone=) in plain language, with its next 5 fire times",
    response: ZCronPreview,
    query: z.object({ cron: z.string().trim().min(1).max(120), timezone: z.string().max(64).default("UTC") }),
  },
);
