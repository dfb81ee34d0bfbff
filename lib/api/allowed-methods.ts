import { ROUTE_METHODS } from "./route-methods.generated";

// Which methods an /api/v1 path answers, from the generated table (no route module is loaded,
// so the proxy can ask). Next answers a method a route does not export with an empty 405; the
// API promises its one JSON error shape on every status, so the proxy answers those instead.

type Compiled = { segments: string[]; methods: string[]; rank: number[] };

const compiled: Compiled[] = ROUTE_METHODS.map((r) => {
  const segments = r.path.split("/");
  // Static segments win over dynamic ones, earliest first, as in Next's own matching.
  return { segments, methods: r.methods, rank: segments.map((s) => (s.startsWith("[") ? 1 : 0)) };
}).sort((a, b) => {
  for (let i = 0; i < Math.min(a.rank.length, b.rank.length); i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
  return 0;
});

/** The methods the route at `pathname` answers, or null when no route has that path. */
export function allowedMethods(pathname: string): string[] | null {
  const parts = pathname.replace(/\/$/, "").split("/");
  for (const route of compiled) {
    if (route.segments.length !== parts.length) continue;
    if (route.segments.every((s, i) => s.startsWith("[") || s === parts[i])) return route.methods;
  }
  return null;
}
