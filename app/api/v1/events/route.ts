import { withWorkspace } from "@/lib/api/handler";
import { emitEvent } from "@/lib/triggers/emit-event";
import { ZEventBody } from "@/lib/triggers/schemas";
import { ZEventEmitted } from "@/lib/triggers/responses";

// POST /api/v1/events
export const POST = withWorkspace(({ db, workspaceId, body }) => emitEvent(db, { workspaceId, name: body.name, payload: body.payload }), {
  summary: "Emit an event: every active automation subscribed to its name starts a run with the payload",
  body: ZEventBody,
  response: ZEventEmitted,
  status: 202,
  rateLimit: "events",
});
