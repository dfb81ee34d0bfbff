import { z } from "zod";
import { newId } from "../../ids";
import { StepError } from "../../errors";
import { type Executor } from "./types";

const ZChart = z
  .object({
    type: z.enum(["line", "bar", "area", "pie", "table", "number"]).default("bar"),
    title: z.string().max(200).default(""),
    x: z.string().optional(),
    y: z.union([z.string(), z.array(z.string())]).optional(),
    data: z.array(z.record(z.string(), z.unknown())).default([]),
  })
  .loose();

const ZBoard = z.object({
  title: z.string().min(1).max(200),
  charts: z.array(ZChart).max(50).default([]),
  tables: z.array(z.object({ title: z.string().default(""), columns: z.array(z.string()).optional(), rows: z.array(z.record(z.string(), z.unknown())) }).loose()).max(50).default([]),
});

/**
 * Creates the automation step's dashboard, or updates it on later runs: the slug is the
 * automation and step, so every run of one automation writes the same dashboard.
 */
export const createFlashboard: Executor = async (inputs, ctx) => {
  const parsed = ZBoard.safeParse(inputs);
  if (!parsed.success) throw new StepError(`invalid dashboard: ${parsed.error.issues[0]!.path.join(".")} ${parsed.error.issues[0]!.message}`, false);
  const slug = `${ctx.automationId}.${ctx.step.key}`;
  const data = { title: parsed.data.title, charts: parsed.data.charts as object[], tables: parsed.data.tables as object[], runId: ctx.runId };
  const board = await ctx.db.flashboard.upsert({
    where: { workspaceId_slug: { workspaceId: ctx.workspaceId, slug } },
    create: { id: newId("fb"), workspaceId: ctx.workspaceId, slug, automationId: ctx.automationId, ...data },
    update: data,
  });
  return { flashboard_id: board.id, url: `/flashboards/${board.id}`, charts: parsed.data.charts.length, tables: parsed.data.tables.length };
};
