import { config } from "../config";

/**
 * The origin the client addressed: the Host header (what the browser put in the address bar),
 * or, only behind a configured proxy (TRUST_PROXY=1), the proxy's X-Forwarded-Host/Proto. Any
 * client can send X-Forwarded-*, so without a proxy they say nothing. `req.url` is no help: Next
 * builds it from the address the server listens on, not from what the client asked for.
 */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url);
  const first = (name: string) => req.headers.get(name)?.split(",")[0]?.trim() || null;
  const host = (config.trustProxy && first("x-forwarded-host")) || req.headers.get("host") || url.host;
  const proto = (config.trustProxy && first("x-forwarded-proto")) || url.protocol.replace(":", "");
  return `${proto}://${host}`.toLowerCase();
}
