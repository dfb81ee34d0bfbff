import { isReadOnlyCall } from "../actions/registry";
import type { Transcript } from "./types";

// In a chat, "Shall I issue the refund?" followed by "yes, go ahead" is a human approval of the
// call that follows; the automation keeps it as an approval gate.

const ASKS = /\b(confirm|shall i|should i|do you want me to|would you like me to|want me to|ok(ay)? to|okay if i|may i|can i go ahead|proceed|go ahead|approve)\b[^?]*\?|\b(please confirm|reply yes)\b/i;
const AGREES = /^\s*(yes|yep|yeah|yup|sure|ok|okay|confirm(ed)?|approved?|go ahead|go for it|do it|please do|proceed|sounds good|lgtm|correct|absolutely|of course)\b/i;
const DECLINES = /\b(no|don't|do not|stop|cancel|wait|hold on)\b/i;

/**
 * Tool call id → the user message that confirmed it. The confirmed call is the first
 * side-effecting call after the agreement, before the user speaks again; failing that, the first call.
 */
export function findConfirmedCalls(transcript: Transcript): Map<string, { messageId: string; text: string }> {
  const out = new Map<string, { messageId: string; text: string }>();
  let lastAssistantAsked = false;
  let pending: { messageId: string; text: string } | null = null;
  let firstCall: string | null = null;
  const settle = () => {
    if (pending && firstCall) out.set(firstCall, pending);
    pending = null;
    firstCall = null;
  };
  for (const event of transcript.events) {
    if (event.kind === "message") {
      if (event.role === "assistant") {
        lastAssistantAsked = ASKS.test(event.text);
      } else if (event.role === "user") {
        settle();
        if (lastAssistantAsked && AGREES.test(event.text) && !DECLINES.test(event.text.split(/[.!,]/)[0] ?? ""))
          pending = { messageId: event.id, text: event.text.trim() };
        lastAssistantAsked = false;
      }
    } else if (pending) {
      firstCall ??= event.id;
      if (!isReadOnlyCall(event.toolName, event.arguments)) {
        out.set(event.id, pending);
        pending = null;
        firstCall = null;
      }
    }
  }
  settle();
  return out;
}
