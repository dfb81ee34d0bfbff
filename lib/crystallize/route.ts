import type { z } from "zod";
import { actorLabel, withWorkspace } from "../api/handler";
import { recordAudit } from "../audit/audit";
import { ZRunParams, ZThreadParams } from "../api/params";
import { ZCrystallizeBody } from "../automations/schemas";
import type { SourceRef } from "../sources/load-transcript";
import { crystallizeSource } from "./crystallize-source";

// The two crystallize endpoints differ only in which source they read.
function crystallizeRoute<P extends z.ZodType>(params: P, toSource: (p: z.output<P>) => SourceRef) {
  return withWorkspace(
    async ({ db, workspaceId, actor, params, body, req }) => {
      const out = await crystallizeSource(db, {
        workspaceId,
        source: toSource(params),
        body,
        author: actorLabel(actor),
        idempotencyKey: req.headers.get("idempotency-key"),
      });
      const made = out.body as { automation?: { id: string; version: number } };
      if (out.status === 201 && made.automation)
        await recordAudit(db, workspaceId, actor, {
          action: body.into ? "automation.version_created" : "automation.crystallized",
          targetType: "automation",
          targetId: made.automation.id,
          details: { version: made.automation.version, source: toSource(params) },
        });
      return Response.json(out.body, { status: out.status });
    },
    { params, body: ZCrystallizeBody },
  );
}

export const crystallizeRunRoute = crystallizeRoute(ZRunParams, (p) => ({ type: "agent_run", id: p.run_id }));
export const crystallizeThreadRoute = crystallizeRoute(ZThreadParams, (p) => ({ type: "chat_thread", id: p.thread_id }));
