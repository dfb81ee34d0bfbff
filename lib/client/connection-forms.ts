import { z } from "zod";

// The add forms of the tool-provider and data-source pages: what a person types, checked with
// messages in words, and turned into the API's request bodies (whose schemas check it again).

const httpUrl = z
  .string()
  .trim()
  .min(1, "Enter the server's address")
  .refine((v) => /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v), "Enter a full address starting with http:// or https://");

/** "Name: value" per line; blank lines are skipped. */
export function parseHeaderLines(text: string): { headers: Record<string, string> } | { problem: string } {
  const headers: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return { problem: `Line ${i + 1} needs a header name, a colon and a value, like "Authorization: Bearer …"` };
    const name = line.slice(0, colon).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return { problem: `Line ${i + 1}: "${name}" is not a header name (letters, digits and dashes)` };
    headers[name] = line.slice(colon + 1).trim();
  }
  return { headers };
}

/** "name" or "name: what it does" per line: the tools an HTTP endpoint declares. */
export function parseToolLines(text: string): { name: string; description?: string }[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const colon = l.indexOf(":");
      const name = (colon > 0 ? l.slice(0, colon) : l).trim();
      const description = colon > 0 ? l.slice(colon + 1).trim() : "";
      return description ? { name, description } : { name };
    });
}

/** "NAME=value" per line, for a command's environment; blank lines are skipped. */
export function parseEnvLines(text: string): { env: Record<string, string> } | { problem: string } {
  const env: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, "");
    if (!line.trim()) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) return { problem: `Line ${i + 1} needs a name, an equals sign and a value, like "API_TOKEN=…"` };
    const name = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { problem: `Line ${i + 1}: "${name}" is not a variable name (letters, digits and underscores, not starting with a digit)` };
    env[name] = line.slice(eq + 1);
  }
  return { env };
}

/** One argument per line, exactly as typed (spaces kept); empty lines are skipped. */
export const parseArgLines = (text: string): string[] => text.split("\n").map((l) => l.replace(/\r$/, "")).filter((l) => l !== "");

/** The kinds of tool provider the form adds (the API's `kind`). */
export const PROVIDER_KINDS = ["mcp_http", "http", "mcp_stdio", "builtin"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

// Every kind's fields are in the form at once (switching kind keeps what was typed); only the
// chosen kind's are checked and sent.
export const ZProviderForm = z
  .object({
    name: z.string().trim().min(1, "Give the provider a name").max(100, "Keep the name under 100 characters"),
    kind: z.enum(PROVIDER_KINDS),
    url: z.string().default(""),
    headers: z.string().max(20_000, "The headers are too long").default(""),
    tools: z.string().max(100_000, "The list of tools is too long").default(""),
    command: z.string().trim().max(500, "Keep the command under 500 characters").default(""),
    args: z.string().max(100_000, "The arguments are too long").default(""),
    env: z.string().max(20_000, "The environment is too long").default(""),
    server: z.string().default(""),
  })
  .superRefine((f, ctx) => {
    if (f.kind === "mcp_http" || f.kind === "http") {
      const url = httpUrl.safeParse(f.url);
      if (!url.success) ctx.addIssue({ code: "custom", path: ["url"], message: url.error.issues[0]!.message });
      const h = parseHeaderLines(f.headers);
      if ("problem" in h) ctx.addIssue({ code: "custom", path: ["headers"], message: h.problem });
    }
    if (f.kind === "http") {
      const tools = parseToolLines(f.tools);
      if (tools.length === 0) ctx.addIssue({ code: "custom", path: ["tools"], message: "List at least one tool the endpoint offers, one per line" });
      const bad = tools.find((t) => t.name.length > 200);
      if (bad) ctx.addIssue({ code: "custom", path: ["tools"], message: "A tool name is longer than 200 characters" });
    }
    if (f.kind === "mcp_stdio") {
      if (!f.command) ctx.addIssue({ code: "custom", path: ["command"], message: "Enter the command that starts the MCP server, e.g. /usr/local/bin/my-mcp-server" });
      const args = parseArgLines(f.args);
      if (args.length > 50) ctx.addIssue({ code: "custom", path: ["args"], message: "Give at most 50 arguments" });
      else if (args.some((a) => a.length > 2000)) ctx.addIssue({ code: "custom", path: ["args"], message: "An argument is longer than 2,000 characters" });
      const env = parseEnvLines(f.env);
      if ("problem" in env) ctx.addIssue({ code: "custom", path: ["env"], message: env.problem });
    }
    if (f.kind === "builtin" && !f.server) ctx.addIssue({ code: "custom", path: ["server"], message: "Choose a built-in server" });
  })
  .transform((f) => {
    switch (f.kind) {
      case "mcp_stdio":
        return { name: f.name, kind: f.kind, command: f.command, args: parseArgLines(f.args), env: (parseEnvLines(f.env) as { env: Record<string, string> }).env };
      case "builtin":
        return { name: f.name, kind: f.kind, server: f.server };
      default:
        return {
          name: f.name,
          kind: f.kind,
          url: f.url.trim(),
          headers: (parseHeaderLines(f.headers) as { headers: Record<string, string> }).headers,
          ...(f.kind === "http" ? { tools: parseToolLines(f.tools) } : {}),
        };
    }
  });
export type ProviderFormFields = z.input<typeof ZProviderForm>;

export const ZDataSourceForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the data source a name: SQL steps refer to it by this name")
    .max(100, "Keep the name under 100 characters")
    .regex(/^[\w.-]+$/, "Use letters, digits, dots, dashes and underscores only (no spaces)"),
  connection_string: z
    .string()
    .trim()
    .min(1, "Enter the connection string")
    .regex(/^postgres(ql)?:\/\//, "Enter a PostgreSQL connection string starting with postgres://")
    .max(2000, "The connection string is too long"),
});
export type DataSourceFormFields = z.input<typeof ZDataSourceForm>;

/** The first problem with each field, keyed by field name. */
export function fieldErrors(err: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = String(issue.path[0] ?? "");
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * An API error as the form shows it: the field it names (the API says `body.url`, `body.tools[0].name`)
 * mapped to the form's field, and the message without that path in front, starting with a capital.
 */
export function apiFieldError(err: { message: string; status?: number; details?: Record<string, unknown> }, fields: readonly string[]): { field: string | null; message: string } {
  const path = typeof err.details?.field === "string" ? err.details.field : null;
  const top = path?.replace(/^body\.?/, "").split(/[.[]/)[0] ?? "";
  const field = fields.includes(top) ? top : null;
  let message = err.message.replace(/^[\w.[\]-]+: /, "");
  if (err.status === 409) message = "That name is taken in this workspace: choose another";
  message = message.charAt(0).toUpperCase() + message.slice(1);
  return { field: err.status === 409 ? "name" : field, message };
}
