import { withWorkspace } from "@/lib/api/handler";
import { emitEvent } from "@/lib/triggers/emit-event";
import { ZEventBody } from "@/lib/triggers/schemas";

// POST /api/v1/events {name, payload}: starts every active automation subscribed to the name
export const POST = withWorkspace(({ db, workspaceId, body }) => emitEvent(db, { workspaceId, name: body.name, payload: body.payload }), {
  body: ZEventBody,
  status: 202,
  rateLimit: "events",
});
