// An API error's message as a form shows it: "query.cron: not a valid cron expression" names the
// field in the API's terms; a person reads "Cron: not a valid cron expression". Pure.

const PATH_PREFIX = /^(?:(?:body|query|params)\.)?([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*|\[\d+\])*): /;

/** `egress_allow_list[0]` → `Egress allow list #1`: words, and list entries counted from one. */
function fieldInWords(path: string): string {
  const words = path
    .replace(/\[(\d+)\]/g, (_, i: string) => ` #${Number(i) + 1}`)
    .replace(/[._]/g, " ")
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function readableError(message: string): string {
  const m = PATH_PREFIX.exec(message);
  // Only a path: a sentence that happens to start "Cannot publish: …" stays as it is.
  if (!m || !/[._[]/.test(m[1]!) && !/^(body|query|params)\./.test(message)) return message;
  return `${fieldInWords(m[1]!)}: ${message.slice(m[0].length)}`;
}
