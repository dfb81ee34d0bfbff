/**
 * JSON text of `head` with more fields whose values are JSON text already. Lets a route answer
 * with a large part rendered on a worker thread, without parsing it back on the server's thread.
 */
export function withJsonFields(head: object, fields: Record<string, string>): string {
  const open = JSON.stringify(head).slice(0, -1);
  const rest = Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}:${v}`);
  return `${open}${open.length > 1 ? "," : ""}${rest.join(",")}}`;
}

/** A JSON response from text (see withJsonFields). */
export function jsonTextResponse(text: string, status: number): Response {
  return new Response(text, { status, headers: { "content-type": "application/json" } });
}
