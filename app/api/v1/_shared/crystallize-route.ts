import type { z } from "zod";
import { actorLabel } from "@/lib/auth/actor";
import { withWorkspace } from "@/lib/api/handler";
import { ZIdempotencyHeaders } from "@/lib/api/headers";
import { jsonTextResponse } from "@/lib/api/json-text";
import { ZRunParams, ZThreadParams } from "@/lib/api/params";
import { ZCrystallizeBody } from "@/lib/automations/schemas";
import { ZCrystallizeQuery, ZCrystallizeResult } from "@/lib/crystallize/responses";
import type { SourceRef } from "@/lib/sources/source-ref";
import { crystallizeSource } from "@/lib/crystallize/crystallize-source";

// The two crystallize endpoints differ only in which source they read; the work is
// lib/crystallize/crystallize-source.ts, so the domain holds no HTTP.
function crystallizeRoute<P extends z.ZodType>(summary: string, params: P, toSource: (p: z.output<P>) => SourceRef) {
  return withWorkspace(
    async ({ db, workspaceId, actor, params, query, body, headers, audit }) => {
      const source = toSource(params);
      const out = await crystallizeSource(db, {
        workspaceId,
        source,
        body,
        includeDefinition: query.include === "definition",
        author: actorLabel(actor),
        // An empty key is no key, as before the header was declared.
        idempotencyKey: headers["idempotency-key"] || null,
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
    // Answers its own Response (JSON text rendered on a worker); the status and response are declared for the API document.
    { summary, params, query: ZCrystallizeQuery, headers: ZIdempotencyHeaders, body: ZCrystallizeBody, response: ZCrystallizeResult, status: 201 },
  );
}

export const crystallizeRunRoute = crystallizeRoute("Turn the agent run into a draft automation (or, with `into`, the next version of one)", ZRunParams, (p) => ({ type: "agent_run", id: p.run_id }));
export const crystallizeThreadRoute = crystallizeRoute("Turn the chat thread into a draft automation (or, with `into`, the next version of one)", ZThreadParams, (p) => ({ type: "chat_thread", id: p.thread_id }));
