import ipaddr from "ipaddr.js";

// A data source's connection string, reduced to what a SQL step needs. pg's own parser reads files
// named in the string (sslcert, sslkey, sslrootcert) and honours unix-socket hosts and `options`
// (which set server parameters at login), so the string is parsed here and the pg config is built
// from these fields only.

export type PgTarget = {
  /** A DNS name or an IP address (IPv6 without brackets). */
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** false: plain TCP; "verify": TLS checked against the system CAs; "no-verify": TLS without a check. */
  ssl: false | "verify" | "no-verify";
};

export class ConnectionStringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectionStringError";
  }
}

const SSLMODES: Record<string, PgTarget["ssl"]> = {
  disable: false,
  allow: false,
  prefer: "verify",
  require: "verify",
  "verify-ca": "verify",
  "verify-full": "verify",
  "no-verify": "no-verify",
};

const HOST_NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/;

export function parseConnectionString(connectionString: string): PgTarget {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    throw new ConnectionStringError("is not a valid postgres:// URL");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") throw new ConnectionStringError("must be a postgres:// URL");
  const rawHost = url.hostname.toLowerCase();
  if (!rawHost) throw new ConnectionStringError("needs a host name or address (unix sockets are not allowed)");
  const bracketed = rawHost.replace(/^\[|\]$/g, "");
  const host = ipaddr.isValid(bracketed) ? bracketed : rawHost;
  if (host === rawHost && !HOST_NAME.test(host)) throw new ConnectionStringError(`"${decodeURIComponent(rawHost)}" is not a host name or IP address (one host; unix sockets are not allowed)`);
  const params = [...url.searchParams.keys()];
  const unknown = params.filter((k) => k !== "sslmode");
  if (unknown.length)
    throw new ConnectionStringError(`parameter ${unknown.map((k) => `"${k}"`).join(", ")} is not allowed; only sslmode may be given (host, port, database, user and password go in the URL)`);
  const sslmode = url.searchParams.get("sslmode") ?? "disable";
  if (!(sslmode in SSLMODES)) throw new ConnectionStringError(`sslmode "${sslmode}" is not one of ${Object.keys(SSLMODES).join(", ")}`);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new ConnectionStringError("has a malformed %-escape");
    }
  };
  const user = decode(url.username);
  if (!user) throw new ConnectionStringError("needs a user name");
  const path = decode(url.pathname.replace(/^\//, ""));
  if (path.includes("/")) throw new ConnectionStringError("the database name cannot contain /");
  return { host, port: url.port ? Number(url.port) : 5432, database: path || user, user, password: decode(url.password), ssl: SSLMODES[sslmode]! };
}
