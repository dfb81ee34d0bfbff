import dns from "node:dns/promises";
import os from "node:os";
import ipaddr from "ipaddr.js";
import { config } from "../config";
import type { DbClient } from "../db";
import type { PgTarget } from "./parse-connection-string";

// The app's own database holds session tokens and the auth secret: no data source may reach it,
// whichever name, address or proxy it goes through. A first check compares names before
// connecting; the one that counts compares what the server says about itself once connected.

type Place = { host: string; port: number; database: string };

function appPlace(): Place | null {
  const url = config.databaseUrl;
  if (!url) return null; // embedded PGlite: not reachable over TCP
  try {
    const u = new URL(url);
    const socketHost = u.searchParams.get("host");
    const user = decodeURIComponent(u.username) || "postgres";
    return {
      host: (socketHost ?? u.hostname.replace(/^\[|\]$/g, "")) || "localhost",
      port: Number(u.searchParams.get("port") ?? u.port) || 5432,
      database: decodeURIComponent(u.pathname.replace(/^\//, "")) || user,
    };
  } catch {
    return null;
  }
}

const localAddresses = () => new Set(Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => ipaddr.process(i.address).toString())));

/** The addresses a host stands for, with every address of this machine (and unix sockets) as "local". */
async function addressesOf(host: string): Promise<Set<string>> {
  if (host.startsWith("/")) return new Set(["local"]);
  const found = ipaddr.isValid(host) ? [host] : await dns.lookup(host, { all: true }).then((r) => r.map((a) => a.address), () => [] as string[]);
  const local = localAddresses();
  return new Set(
    found.map((a) => {
      const ip = ipaddr.process(a);
      return ip.range() === "loopback" || ip.range() === "unspecified" || local.has(ip.toString()) ? "local" : ip.toString();
    }),
  );
}

/** Whether a target names the app's own database: same database and port on an address of the same host. */
export async function namesAppDatabase(target: PgTarget): Promise<boolean> {
  const app = appPlace();
  if (!app || app.port !== target.port || app.database !== target.database) return false;
  if (app.host.toLowerCase() === target.host) return true;
  const [a, b] = await Promise.all([addressesOf(app.host), addressesOf(target.host)]);
  return [...a].some((x) => b.has(x));
}

/** What identifies a database on a server: start time of the server, database oid and name. */
export const FINGERPRINT_SQL = `pg_postmaster_start_time()::text || '/' || (SELECT oid FROM pg_database WHERE datname = current_database())::text || '/' || current_database()`;

let cachedAppFingerprint: string | undefined;

/**
 * Whether a connected data source's fingerprint is the app's own. The app's fingerprint is cached,
 * and read again before answering "no", so a restart of the app's server cannot make it stale.
 */
export async function isAppFingerprint(db: DbClient, fingerprint: string): Promise<boolean> {
  if (!config.databaseUrl) return false;
  if (cachedAppFingerprint === fingerprint) return true;
  const rows = await db.$queryRawUnsafe<{ fp: string }[]>(`SELECT ${FINGERPRINT_SQL} AS fp`);
  cachedAppFingerprint = rows[0]!.fp;
  return cachedAppFingerprint === fingerprint;
}
