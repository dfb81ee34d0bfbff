import { z } from "zod";
import { stored } from "../api/stored";

// What the flashboard routes answer. Charts and tables are what create_flashboard steps wrote
// (validated there); extra fields a step gave them are kept.

const ZRow = z.record(z.string(), z.unknown());

export const ZFlashboardChart = z
  .looseObject({
    type: z.string().describe("line, bar, area, pie, table or number"),
    title: z.string(),
    x: z.string().optional(),
    y: z.union([z.string(), z.array(z.string())]).optional(),
    data: z.array(ZRow),
  })
  .meta({ id: "FlashboardChart" });
export type FlashboardChart = z.output<typeof ZFlashboardChart>;

export const ZFlashboardTable = z
  .looseObject({ title: z.string(), columns: z.array(z.string()).optional(), rows: z.array(ZRow) })
  .meta({ id: "FlashboardTable" });
export type FlashboardTable = z.output<typeof ZFlashboardTable>;

export const ZFlashboardSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    automation_id: z.string().nullable(),
    run_id: z.string().nullable(),
    /** The page that shows it. */
    url: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "FlashboardSummary" });
export type FlashboardSummary = z.output<typeof ZFlashboardSummary>;

export const ZFlashboardList = z.object({ data: z.array(ZFlashboardSummary) });
export type FlashboardList = z.output<typeof ZFlashboardList>;

export const ZFlashboard = z
  .object({
    id: z.string(),
    title: z.string(),
    charts: stored(z.array(ZFlashboardChart)),
    tables: stored(z.array(ZFlashboardTable)),
    automation_id: z.string().nullable(),
    run_id: z.string().nullable(),
    updated_at: z.string(),
  })
  .meta({ id: "Flashboard" });
export type Flashboard = z.output<typeof ZFlashboard>;
