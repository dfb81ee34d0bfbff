// Reviews record their reviewer as an actor label (`user:<id>`, `key:<id>`); the automation's
// `reviewer_names` names those its workspace still knows (resolveReviewerNames).

/** Who reviewed a step, in words: a member by name, an API key by its name, else what kind of reviewer it was. */
export function reviewerName(by: string, names: Record<string, string>): string {
  const name = names[by];
  if (by.startsWith("user:")) return name ?? "a former member";
  if (by.startsWith("key:")) return name ? `API key “${name}”` : "an API key";
  return name ?? by;
}
