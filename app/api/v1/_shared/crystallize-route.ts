import type { z } from "zod";
import { actorLabel } from "@/lib/auth/actor";
import { withWorkspace } from "@/lib/api/handler";
import { jsonTextResponse } from "@/lib/api/json-text";
import { ZRunParams, ZThreadParams } from "@/lib/api/params";
import { ZCrystallizeBody } from "@/lib/automations/schemas";
import type { SourceRef } from "@/lib/sources/load-transcript";
import { crystallizeSource } from "@/lib/crystallize/crystallize-source";

// The two crystallize endpoints differ only in which source they read; the work is
// lib/crystallize/crystallize-source.ts, so the domain holds no HTTP.
function crystallizeRoute<P extends z.ZodType>(params: P, toSource: (p: z.output<P>) => SourceRef) {
  return withWorkspace(
    async ({ db, workspaceId, actor, params, body, req, audit }) => {
      const source = toSource(params);
      const out = await crystallizeSource(db, {
        workspaceId,
        source,
        body,
        author: actorLabel(actor),
        idempotencyKey: req.headers.get("idempotency-key"),
        alsoInTx: (tx, made) =>
          audit(tx, {
            action: made.merged ? "automation.version_created" : "automation.crystallized",
            targetType: "automation",
            targetId: made.automationId,
            details: { version: made.version, source },
          }),
      });
      return jsonTextResponse(out.json, out.status);
    },
    // Answers its own Response (JSON text rendered on a worker); the status is declared for the API document.
    { params, body: ZCrystallizeBody, status: 201 },
  );
}

export const crystallizeRunRoute = crystallizeRoute(ZRunParams, (p) => ({ type: "agent_run", id: p.run_id }));
export const crystallizeThreadRoute = crystallizeRoute(ZThreadParams, (p) => ({ type: "chat_thread", id: p.thread_id }));
