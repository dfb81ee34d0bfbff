import { getActionKind, isPseudoTool } from "../actions/registry";
import { SQL_KINDS } from "../templates/sql-kinds";
import { reviewReason } from "../automations/derive-metadata";
import type { TDefinition } from "../automations/schemas";
import type { DbClient } from "../db";
import { checkExpression } from "./executors/expression";
import { dataSourceExists } from "./executors/sql";
import { bindStep, loadProviders, needsProvider } from "../tool-providers/load-providers";
import { stdioRefusal } from "../security/stdio-policy";

export type Blocker = { step: string | null; reason: "unbound_tool" | "invalid_inputs" | "unreviewed" | "empty"; message: string };

/**
 * Why the automation cannot be switched on: tools no provider offers, inputs the action kind's
 * schema refuses (checked on the frozen values, which bindings and parameters replace with values
 * of the same shape), expressions that do not parse, and flagged steps nobody reviewed.
 */
export async function activationBlockers(db: DbClient, { workspaceId, definition: def }: { workspaceId: string; definition: TDefinition }): Promise<Blocker[]> {
  const blockers: Blocker[] = [];
  if (def.steps.length === 0) blockers.push({ step: null, reason: "empty", message: "The automation has no steps" });
  const providers = def.steps.some(needsProvider) ? await loadProviders(db, workspaceId) : [];
  for (const step of def.steps) {
    const kind = step.type === "action" ? step.action_kind! : step.type;
    if (needsProvider(step)) {
      const bound = bindStep(step, providers);
      // A pseudo-tool with no provider runs as a no-op (executors/index.ts): nothing to bind.
      if (!bound && !isPseudoTool(kind))
        blockers.push({
          step: step.key,
          reason: "unbound_tool",
          message: step.provider_id ? `provider ${step.provider_id} does not offer "${kind}"` : `no tool provider offers "${kind}"`,
        });
      // A provider the server would refuse to start offers nothing: say so now, not at the first run.
      const refusal = bound?.config.kind === "mcp_stdio" ? stdioRefusal(bound.config) : null;
      if (refusal) blockers.push({ step: step.key, reason: "unbound_tool", message: `provider ${bound!.id} may not start its command: ${refusal.message}` });
      continue;
    }
    const spec = getActionKind(kind);
    const parsed = spec?.inputs.safeParse(step.inputs);
    if (parsed && !parsed.success) {
      const issue = parsed.error.issues[0]!;
      blockers.push({ step: step.key, reason: "invalid_inputs", message: `inputs.${issue.path.join(".")}: ${issue.message}` });
      continue;
    }
    if ((kind === "transform" || kind === "condition") && typeof step.inputs.expression === "string") {
      const err = checkExpression(step.inputs.expression);
      if (err) blockers.push({ step: step.key, reason: "invalid_inputs", message: `inputs.expression: ${err}` });
    }
    if (SQL_KINDS.has(kind) && !(await dataSourceExists(db, { workspaceId, name: step.inputs.data_source })))
      blockers.push({ step: step.key, reason: "invalid_inputs", message: `inputs.data_source: "${String(step.inputs.data_source)}" is not configured` });
    if (kind === "notify" && !step.inputs.webhook_url && !process.env.NOTIFY_WEBHOOK_URL)
      blockers.push({ step: step.key, reason: "invalid_inputs", message: "inputs.webhook_url: required (or set NOTIFY_WEBHOOK_URL)" });
  }
  for (const key of def.metadata.unreviewed_steps) {
    const step = def.steps.find((s) => s.key === key);
    blockers.push({ step: key, reason: "unreviewed", message: `${(step && reviewReason(step)) ?? "flagged"}: not reviewed` });
  }
  return blockers;
}
