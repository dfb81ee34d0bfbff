import path from "node:path";
import { config } from "../config";

// Whether a tool provider may start a local command. A stdio provider runs on the server, as the
// server's user: with the command, args and env a workspace chose. Anyone can sign up and own a
// workspace, so by default no workspace may start one (ALLOW_STDIO_TOOLS is off). An operator who
// turns it on may name the only executables allowed (STDIO_TOOLS_ALLOW). Shells and interpreters
// (sh, bash, node, python, npx, uvx, docker, …) must never be named there: their args run any code.

export type StdioRefusal = { field: string; reason: "stdio_disabled" | "command_not_allowed" | "env_refused"; message: string };

// Variables that make a program load other code, or find other programs, than the one allowed:
// the dynamic loader's, language runtimes' and shells' hooks, and the search path itself.
const REFUSED_ENV = new Set(["PATH", "ENV", "BASH_ENV", "IFS", "SHELLOPTS", "BASHOPTS", "PS4", "PROMPT_COMMAND", "HOME", "CDPATH", "GLIBC_TUNABLES", "CLASSPATH", "EDITOR", "VISUAL", "PAGER", "BROWSER", "LESSOPEN", "LESSCLOSE", "SSL_CERT_FILE", "SSL_CERT_DIR"]);
const REFUSED_ENV_PREFIXES = ["LD_", "DYLD_", "NODE_", "NPM_CONFIG_", "PYTHON", "PERL", "RUBY", "GEM_", "BUNDLE_", "JAVA", "_JAVA", "JDK_", "DOTNET_", "COMPLUS_", "LUA_", "PHP", "GCONV", "GIT_", "BASH_FUNC_", "MALLOC_", "DENO_", "BUN_"];
const HARMLESS_ENV = new Set(["NODE_ENV"]);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why an env name is refused, or null when a provider may set it. */
export function refusedEnvName(name: string): string | null {
  if (!ENV_NAME.test(name)) return "is not a plain variable name";
  const upper = name.toUpperCase();
  if (HARMLESS_ENV.has(upper)) return null;
  if (REFUSED_ENV.has(upper) || REFUSED_ENV_PREFIXES.some((p) => upper.startsWith(p)))
    return "changes which code or programs a process loads, so a provider may not set it";
  return null;
}

/** Null when the server allows this command to start; else which field is refused, and why. */
export function stdioRefusal(cfg: { command: string; env?: Record<string, string> }): StdioRefusal | null {
  if (!config.allowStdioTools)
    return { field: "kind", reason: "stdio_disabled", message: "Tool providers that start a local command (mcp_stdio) are off on this server; the operator turns them on with ALLOW_STDIO_TOOLS=1" };
  // Only absolute entries count: a bare name would be looked up on PATH, so it would not name one file.
  const allowed = config.stdioToolsAllow.filter((p) => path.isAbsolute(p));
  if (config.stdioToolsAllow.length > 0 && !allowed.includes(cfg.command))
    return {
      field: "command",
      reason: "command_not_allowed",
      // The list itself stays the operator's: it names paths on the server.
      message: "command must be the absolute path of an executable this server allows (STDIO_TOOLS_ALLOW)",
    };
  for (const name of Object.keys(cfg.env ?? {})) {
    const why = refusedEnvName(name);
    if (why) return { field: `env.${name}`, reason: "env_refused", message: `env ${name} ${why}` };
  }
  return null;
}

/**
 * What the server allows of stdio providers, for a form to say before anything is sent: "off",
 * "listed" (only the executables the operator listed), or "any". The list itself is not given.
 */
export function stdioPolicy(): "off" | "listed" | "any" {
  if (!config.allowStdioTools) return "off";
  return config.stdioToolsAllow.length > 0 ? "listed" : "any";
}
