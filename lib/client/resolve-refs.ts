const COMPONENT = "#/components/schemas/";

/**
 * `schema` with each `{"$ref": "#/components/schemas/Name"}` replaced by that component's body,
 * titled with its name so the reader still sees which component it is. A component met again
 * inside itself stays a bare reference: expanding it would never end. Other references are kept.
 */
export function resolveRefs(schema: unknown, components: Record<string, unknown>, within: readonly string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((s) => resolveRefs(s, components, within));
  if (!schema || typeof schema !== "object") return schema;
  const { $ref, ...rest } = schema as Record<string, unknown>;
  const name = typeof $ref === "string" && $ref.startsWith(COMPONENT) ? $ref.slice(COMPONENT.length) : undefined;
  if ($ref !== undefined && (name === undefined || !(name in components) || within.includes(name))) return schema;
  const siblings = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, resolveRefs(v, components, within)]));
  if (name === undefined) return siblings;
  const body = resolveRefs(components[name], components, [...within, name]);
  return { title: name, ...(body && typeof body === "object" ? body : {}), ...siblings };
}
