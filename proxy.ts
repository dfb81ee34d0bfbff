import { NextResponse, type NextRequest } from "next/server";
import { allowedMethods } from "./lib/api/allowed-methods";

// Security headers on every response, and a Content-Security-Policy whose script-src allows only
// this response's scripts: a fresh nonce per request, which Next puts on its own scripts (it reads
// the policy from the request) and the root layout on the theme script. Styles may be inline:
// the canvas and the code editor set style attributes and inject style sheets at run time.
// API responses get their headers from next.config.mjs; here they only get a JSON 405 for a method
// their route does not answer.

export function proxy(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith("/api/")) return methodNotAllowed(req) ?? NextResponse.next();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  res.headers.set("X-Content-Type-Options", "nosniff");
  res.headers.set("X-Frame-Options", "DENY");
  res.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  res.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  res.headers.set("Cross-Origin-Opener-Policy", "same-origin");
  // Browsers ignore it over plain HTTP, so it only takes effect behind TLS.
  res.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return res;
}

/** A JSON 405 naming the methods the path answers; null when the method is one of them (or no route has the path). */
function methodNotAllowed(req: NextRequest): NextResponse | null {
  const methods = allowedMethods(req.nextUrl.pathname);
  const method = req.method === "HEAD" ? "GET" : req.method;
  if (!methods || methods.includes(method) || method === "OPTIONS") return null;
  return NextResponse.json(
    { error: { code: "method_not_allowed", message: `${req.method} is not allowed on ${req.nextUrl.pathname}; use ${methods.join(", ")}` } },
    { status: 405, headers: { Allow: methods.join(", "), "X-Content-Type-Options": "nosniff" } },
  );
}

export const config = {
  // Static assets are fingerprinted files with no script of their own to protect. Next keeps a
  // copy of every body a proxy sees, cut at experimental.proxyClientMaxBodySize: next.config.mjs
  // sets it just above the ingest limit (lib/api/body.ts), so our own limit is the one that holds.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
