/** Longest name taken from a user's request, the "…" included. */
export const NAME_MAX_CHARS = 60;

/**
 * What a run or thread is called when nobody named it: what the user asked for (its first user
 * message, shortened), else the agent's name, else `fallback`. A request reads better in a list
 * than "imported (openai-chat)", and it names the automation crystallized from the source too.
 * Pure.
 */
export function nameSource({ request, agent, fallback }: { request?: string | null; agent?: string | null; fallback: string }): string {
  const asked = shortenText(request ?? "");
  if (asked) return asked;
  const named = agent?.trim();
  return named ? named : fallback;
}

/** The first user message of a source with any text in it. */
export function firstUserText(messages: readonly { role: string; text: string }[]): string | null {
  return messages.find((m) => m.role === "user" && m.text.trim() !== "")?.text ?? null;
}

/**
 * `text` on one line, whitespace collapsed, at most `max` characters: cut at the last word boundary
 * that keeps at least half of it (else mid-word), with "…" appended.
 */
export function shortenText(text: string, max = NAME_MAX_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  // Code points, not UTF-16 units, so an emoji is never split in half.
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const head = chars.slice(0, max - 1).join("");
  let cut = head;
  // A head followed by a space ends on a word boundary already.
  if (chars[max - 1] !== " ") {
    const space = head.lastIndexOf(" ");
    if (space >= head.length / 2) cut = head.slice(0, space);
  }
  return `${cut.replace(/[\s,;:.!?\-–—]+$/, "") || head}…`;
}
