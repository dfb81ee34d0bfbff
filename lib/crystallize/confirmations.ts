import { isPseudoTool, isReadOnlyCall } from "../actions/registry";
import type { Transcript } from "./types";

// In a chat, "Shall I issue the refund?" followed by "yes, go ahead" is a human approval of what
// the agent does next; the automation keeps it as an approval gate. Assistants ask in many ways
// and users agree in many ways: these lists come from real support and coding transcripts.

const ASKS = new RegExp(
  [
    String.raw`\b(confirm|shall i|should i|do you want me to|would you like me to|would you like to|want me to|ok(ay)? to|okay if i|may i|can i|could i|proceed|go ahead|approve|is (that|this|everything) (correct|right|ok(ay)?)|does (that|this) (look|sound) (right|good|ok(ay)?))\b[^?]{0,300}\?`,
    String.raw`\b(please confirm|reply yes|\(yes\/no\)|\(y\/n\)|yes or no)\b`,
  ].join("|"),
  "i",
);
const AGREES =
  /^\s*(y|yes|yep|yeah|yup|yea|sure|ok|okay|confirm(ed)?|i confirm|approved?|go ahead|go for it|do it|please do|please (proceed|go ahead|confirm)|proceed|sounds (good|great)|lgtm|correct|that'?s (correct|right|fine|good)|that is (correct|right)|right|exactly|absolutely|of course|definitely|affirmative|book it|let'?s do it)\b/i;
const DECLINES = /\b(no|nope|don't|do not|not now|stop|cancel that|wait|hold on|never mind)\b/i;

/** Whether a user's reply to a question agrees: its first clause says yes and does not say no. */
export function agrees(text: string): boolean {
  return AGREES.test(text) && !DECLINES.test(text.split(/[.!,;]/)[0] ?? "");
}

export const asksToConfirm = (text: string) => ASKS.test(text);

/**
 * Tool call id → the user message that confirmed it. A confirmation covers every side-effecting
 * call after it until the user speaks again; read-only calls are not what was approved, unless
 * the window holds nothing else.
 */
export function findConfirmedCalls(transcript: Transcript): Map<string, { messageId: string; text: string }> {
  const out = new Map<string, { messageId: string; text: string }>();
  let asked = false;
  let pending: { messageId: string; text: string } | null = null;
  // The window's first real call and whether a side effect was covered: a yes followed only by
  // calls that read as reads ("check_in_passenger") still approved something, so that call is gated.
  let first: string | null = null;
  let covered = false;
  const settle = () => {
    if (pending && !covered && first) out.set(first, pending);
    pending = null;
    first = null;
    covered = false;
  };
  for (const event of transcript.events) {
    if (event.kind === "message") {
      // An assistant message that only carries tool calls says nothing, so it keeps the question open.
      if (event.role === "assistant" && event.text.trim() !== "") asked = asksToConfirm(event.text);
      else if (event.role === "user") {
        settle();
        pending = asked && agrees(event.text) ? { messageId: event.id, text: event.text.trim() } : null;
        asked = false;
      }
    } else if (pending && !isPseudoTool(event.toolName)) {
      first ??= event.id;
      if (!isReadOnlyCall(event.toolName, event.arguments)) {
        out.set(event.id, pending);
        covered = true;
      }
    }
  }
  settle();
  return out;
}
