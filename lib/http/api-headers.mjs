// Security headers for API responses, in one place: next.config.mjs puts them on every /api route
// Next serves, and the webhook listener (lib/bootstrap/fast-routes.ts) on the deliveries it answers
// itself. Pages get theirs, with a per-request script nonce, from proxy.ts. JSON needs no
// scripts, styles or frames. Plain JavaScript, so the config can load it without a compiler.
export const API_HEADERS = [
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];
