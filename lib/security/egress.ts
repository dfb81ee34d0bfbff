import dns from "node:dns";
import type { LookupAddress, LookupOptions } from "node:dns";
import ipaddr from "ipaddr.js";
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from "undici";
import type { DbClient } from "../db";

// Outbound connections from steps (http_request, notify, HTTP tools, MCP over HTTP, data sources)
// may only reach public addresses, unless the allow-list names the host or its network. The check
// runs where the connection is made (a DNS lookup hook), so a name that resolves to a private
// address, or re-resolves to one after a first check, is refused too; IP literals, which skip the
// lookup, are checked per request, redirects included.
//
// Exceptions are the operator's: CRYSTALLIZE_EGRESS_ALLOW opens hosts to every workspace, and
// CRYSTALLIZE_EGRESS_PERMIT says which hosts a workspace may open for itself. A workspace's own
// entries count only inside those two, so a self-registered owner cannot open loopback or the
// server's network.

export type EgressPolicy = {
  /** Host names ("localhost", "*.corp.example") that are trusted whatever they resolve to. */
  names: string[];
  /** Networks (IPs are /32 or /128) that may be reached although private. */
  networks: [ipaddr.IPv4 | ipaddr.IPv6, number][];
};

export class EgressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EgressError";
  }
}

const MAX_REDIRECTS = 5;
/** Public IPv6 is global unicast (2000::/3); the rest of "unicast" holds IPv4-compatible ::a.b.c.d and other reserved space. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

/** Parses allow-list entries; returns the first bad entry's message instead when there is one. */
export function parseAllowList(entries: string[]): EgressPolicy | string {
  const policy: EgressPolicy = { names: [], networks: [] };
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes("/")) {
      try {
        policy.networks.push(ipaddr.parseCIDR(entry));
      } catch {
        return `"${raw}" is not a valid network (CIDR)`;
      }
    } else if (ipaddr.isValid(entry.replace(/^\[|\]$/g, ""))) {
      const ip = ipaddr.process(entry.replace(/^\[|\]$/g, ""));
      policy.networks.push([ip, ip.kind() === "ipv4" ? 32 : 128]);
    } else if (/^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(entry)) {
      policy.names.push(entry);
    } else {
      return `"${raw}" is not a host name, IP address or CIDR network`;
    }
  }
  return policy;
}

const EMPTY: EgressPolicy = { names: [], networks: [] };
const warned = new Set<string>();

/** An operator setting (comma-separated entries); a bad entry is said once and the setting ignored. */
function operatorList(name: "CRYSTALLIZE_EGRESS_ALLOW" | "CRYSTALLIZE_EGRESS_PERMIT"): EgressPolicy {
  const raw = process.env[name] ?? "";
  const policy = parseAllowList(raw.split(","));
  if (typeof policy !== "string") return policy;
  if (!warned.has(`${name}=${raw}`)) console.warn(`${name} is ignored: ${policy}`);
  warned.add(`${name}=${raw}`);
  return EMPTY;
}

/** What the operator lets every workspace reach, and what a workspace may open for itself. */
export function operatorEgress() {
  const allow = operatorList("CRYSTALLIZE_EGRESS_ALLOW");
  const permit = operatorList("CRYSTALLIZE_EGRESS_PERMIT");
  return { allow, permit, ceiling: merge(allow, permit) };
}

const merge = (a: EgressPolicy, b: EgressPolicy): EgressPolicy => ({ names: [...a.names, ...b.names], networks: [...a.networks, ...b.networks] });

/** Whether operator name `outer` covers `inner`: equal, or a wildcard over it ("*.corp" covers "db.corp" and "*.eu.corp"). */
function nameCovers(outer: string, inner: string) {
  if (outer === inner) return true;
  if (!outer.startsWith("*.")) return false;
  const suffix = outer.slice(1);
  return inner.endsWith(suffix) && inner.length > suffix.length;
}

function networkCovers([outer, outerBits]: [ipaddr.IPv4 | ipaddr.IPv6, number], [inner, innerBits]: [ipaddr.IPv4 | ipaddr.IPv6, number]) {
  return outer.kind() === inner.kind() && outerBits <= innerBits && inner.match(outer, outerBits);
}

/**
 * Why a workspace may not put `entry` on its own allow-list, or null when it may: it must lie
 * inside what the operator allows or permits, and it may never be a whole address family.
 */
export function workspaceEntryProblem(entry: string, ceiling = operatorEgress().ceiling): string | null {
  const parsed = parseAllowList([entry]);
  if (typeof parsed === "string") return parsed;
  const [net] = parsed.networks;
  if (net && net[1] === 0) return `"${entry}" would open every address; list the hosts or networks steps need`;
  const covered = net ? ceiling.networks.some((o) => networkCovers(o, net)) : parsed.names.every((n) => ceiling.names.some((o) => nameCovers(o, n)));
  if (covered) return null;
  return `"${entry}" is not inside what this server's operator permits (CRYSTALLIZE_EGRESS_PERMIT${permittedText(ceiling)}); ask them to permit it`;
}

const permittedText = (p: EgressPolicy) => {
  const all = [...p.names, ...p.networks.map(([n, b]) => `${n.toString()}/${b}`)];
  return all.length ? `: ${all.join(", ")}` : " is empty";
};

/** The policy a workspace's steps run under: the operator's list plus the workspace's entries that are still inside the operator's bounds. */
export function egressPolicyFor(workspaceEntries: string[]): EgressPolicy {
  const { allow, ceiling } = operatorEgress();
  const own = workspaceEntries.filter((e) => workspaceEntryProblem(e, ceiling) === null);
  return merge(allow, parseAllowList(own) as EgressPolicy);
}

/** The workspace's allow-list within the operator's bounds, plus CRYSTALLIZE_EGRESS_ALLOW. */
export async function loadEgressPolicy(db: DbClient, workspaceId: string): Promise<EgressPolicy> {
  const ws = await db.workspace.findUnique({ where: { id: workspaceId }, select: { egressAllowList: true } });
  return egressPolicyFor(ws?.egressAllowList ?? []);
}

const nameAllowed = (host: string, policy: EgressPolicy) =>
  policy.names.some((n) => (n.startsWith("*.") ? host.endsWith(n.slice(1)) : host === n));

/** Why an address may not be reached, or null when it may. */
export function addressProblem(address: string, policy: EgressPolicy): string | null {
  const ip = ipaddr.process(address); // IPv4-mapped IPv6 counts as the IPv4 address it maps
  let range: string = ip.range();
  if (range === "unicast" && ip.kind() === "ipv6" && !ip.match(GLOBAL_UNICAST_V6)) range = "reserved (not global unicast)";
  if (range === "unicast") return null;
  if (policy.networks.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) return null;
  return `${address} is a ${range} address`;
}

/** Checks what can be checked before connecting: the scheme, and the host when it is an IP. */
export function checkUrl(url: string, policy: EgressPolicy): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new EgressError(`"${url}" is not a URL`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new EgressError(`${u.protocol} URLs are not allowed; use http or https`);
  const host = u.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (ipaddr.isValid(host)) {
    const problem = addressProblem(host, policy);
    if (problem) throw refused(u.host, problem);
  }
  return u;
}

const refused = (host: string, why: string) =>
  new EgressError(`${host} is refused: ${why}. Add it to the workspace's egress allow-list (Settings → Security), within what the operator permits, to reach it`);

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup replacement for sockets: refuses names that resolve to addresses the policy does not open. */
export function guardedLookup(policy: EgressPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      if (!nameAllowed(hostname.toLowerCase(), policy)) {
        for (const a of addresses) {
          const problem = addressProblem(a.address, policy);
          if (problem) return callback(Object.assign(refused(hostname, problem), { code: "EGRESS_REFUSED" }), []);
        }
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

const agents = new Map<string, Agent>();
function agentFor(policy: EgressPolicy): Agent {
  const key = JSON.stringify([policy.names, policy.networks.map(([n, b]) => `${n.toString()}/${b}`)]);
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ connect: { lookup: guardedLookup(policy) } });
    agents.set(key, agent);
  }
  return agent;
}

/**
 * fetch for user-supplied URLs: refuses non-HTTP schemes and private or loopback targets not on
 * the allow-list, and follows redirects itself so every hop is checked.
 */
export async function egressFetch(url: string, init: RequestInit, policy: EgressPolicy): Promise<Response> {
  const dispatcher = agentFor(policy);
  let current = checkUrl(url, policy);
  let req = init;
  for (let hop = 0; ; hop++) {
    let res;
    try {
      res = await undiciFetch(current, { ...(req as UndiciRequestInit), redirect: "manual", dispatcher });
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      if (cause instanceof EgressError) throw cause;
      throw err;
    }
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location || init.redirect === "manual") return res as unknown as Response;
    if (init.redirect === "error") throw new EgressError(`redirected to ${location}`);
    if (hop >= MAX_REDIRECTS) throw new EgressError(`more than ${MAX_REDIRECTS} redirects`);
    await res.body?.cancel();
    const next = checkUrl(new URL(location, current).toString(), policy);
    if (next.origin !== current.origin) {
      // Credentials meant for one host are not handed to the host it redirects to.
      const headers = new Headers(req.headers);
      for (const h of ["authorization", "cookie", "proxy-authorization"]) headers.delete(h);
      req = { ...req, headers };
    }
    current = next;
    // As browsers do: 303 (and 301/302 after a POST) turn into a GET without a body.
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && req.method && req.method !== "GET" && req.method !== "HEAD"))
      req = { ...req, method: "GET", body: undefined };
  }
}

/** A fetch bound to a policy, for libraries that take one (the MCP client). */
export const egressFetchWith =
  (policy: EgressPolicy) =>
  (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (input instanceof Request) throw new EgressError("a Request object cannot be checked; pass a URL");
    return egressFetch(input.toString(), init ?? {}, policy);
  };
