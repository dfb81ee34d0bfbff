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

export const ZProviderForm = z
  .object({
    name: z.string().trim().min(1, "Give the provider a name").max(100, "Keep the name under 100 characters"),
    kind: z.enum(["mcp_http", "http"]),
    url: httpUrl,
    headers: z.string().max(20_000, "The headers are too long"),
    tools: z.string().max(100_000, "The list of tools is too long"),
  })
  .superRefine((f, ctx) => {
    const h = parseHeaderLines(f.headers);
    if ("problem" in h) ctx.addIssue({ code: "custom", path: ["headers"], message: h.problem });
    if (f.kind === "http") {
      const tools = parseToolLines(f.tools);
      if (tools.length === 0) ctx.addIssue({ code: "custom", path: ["tools"], message: "List at least one tool the endpoint offers, one per line" });
      const bad = tools.find((t) => t.name.length > 200);
      if (bad) ctx.addIssue({ code: "custom", path: ["tools"], message: "A tool name is longer than 200 characters" });
    }
  })
  .transform((f) => ({
    name: f.name,
    kind: f.kind,
    url: f.url,
    headers: (parseHeaderLines(f.headers) as { headers: Record<string, string> }).headers,
    ...(f.kind === "http" ? { tools: parseToolLines(f.tools) } : {}),
  }));
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
