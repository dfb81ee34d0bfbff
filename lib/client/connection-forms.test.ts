import { describe, expect, it } from "vitest";
import { apiFieldError, fieldErrors, parseEnvLines, parseHeaderLines, ZDataSourceForm, ZProviderForm } from "./connection-forms";

describe("the add-provider form", () => {
  it("turns header lines and tool lines into the API's body", () => {
    const out = ZProviderForm.parse({ name: " charts ", kind: "http", url: "https://tools.example.com/call", headers: "Authorization: Bearer abc:def\n\nX-Team: data", tools: "create_chart: draws a chart\nlist_charts" });
    expect(out).toEqual({
      name: "charts",
      kind: "http",
      url: "https://tools.example.com/call",
      headers: { Authorization: "Bearer abc:def", "X-Team": "data" },
      tools: [{ name: "create_chart", description: "draws a chart" }, { name: "list_charts" }],
    });
  });

  it("says in words what is wrong with each field", () => {
    const res = ZProviderForm.safeParse({ name: "", kind: "http", url: "tools.example.com", headers: "Authorization Bearer", tools: "" });
    expect(res.success).toBe(false);
    const errors = fieldErrors(res.error!);
    expect(errors).toEqual({
      name: "Give the provider a name",
      url: "Enter a full address starting with http:// or https://",
      headers: 'Line 1 needs a header name, a colon and a value, like "Authorization: Bearer …"',
      tools: "List at least one tool the endpoint offers, one per line",
    });
    expect(parseHeaderLines("Bad Name: x")).toEqual({ problem: 'Line 1: "Bad Name" is not a header name (letters, digits and dashes)' });
  });

  it("an MCP server needs no declared tools", () => {
    expect(ZProviderForm.parse({ name: "mcp", kind: "mcp_http", url: "http://127.0.0.1:9/mcp", headers: "", tools: "" })).toEqual({ name: "mcp", kind: "mcp_http", url: "http://127.0.0.1:9/mcp", headers: {} });
  });

  it("a local command: its argument lines as typed and its NAME=value lines, and nothing of the other kinds", () => {
    const out = ZProviderForm.parse({
      name: "files",
      kind: "mcp_stdio",
      url: "https://left.over/from-another-kind",
      headers: "Authorization: Bearer x",
      command: " /usr/local/bin/files-mcp ",
      args: "--root\n\n/srv/my files\r\n",
      env: "FILES_TOKEN=a=b c\n\nMODE=ro",
    });
    expect(out).toEqual({ name: "files", kind: "mcp_stdio", command: "/usr/local/bin/files-mcp", args: ["--root", "/srv/my files"], env: { FILES_TOKEN: "a=b c", MODE: "ro" } });
  });

  it("a local command needs the command, and env lines are names with values", () => {
    const res = ZProviderForm.safeParse({ name: "files", kind: "mcp_stdio", url: "", command: "  ", env: "token" });
    expect(fieldErrors(res.error!)).toEqual({
      command: "Enter the command that starts the MCP server, e.g. /usr/local/bin/my-mcp-server",
      env: 'Line 1 needs a name, an equals sign and a value, like "API_TOKEN=…"',
    });
    expect(parseEnvLines("1X=y")).toEqual({ problem: 'Line 1: "1X" is not a variable name (letters, digits and underscores, not starting with a digit)' });
  });

  it("a built-in server is chosen by name", () => {
    expect(ZProviderForm.parse({ name: "demo", kind: "builtin", url: "", server: "demo-tools" })).toEqual({ name: "demo", kind: "builtin", server: "demo-tools" });
    expect(fieldErrors(ZProviderForm.safeParse({ name: "demo", kind: "builtin", url: "" }).error!)).toEqual({ server: "Choose a built-in server" });
  });
});

describe("the add-data-source form", () => {
  it("refuses names with spaces and strings that are not postgres URLs, in words", () => {
    const res = ZDataSourceForm.safeParse({ name: "my db", connection_string: "mysql://x" });
    expect(fieldErrors(res.error!)).toEqual({
      name: "Use letters, digits, dots, dashes and underscores only (no spaces)",
      connection_string: "Enter a PostgreSQL connection string starting with postgres://",
    });
  });
});

describe("API errors on a form", () => {
  it("puts a field's error on that field without the API's path", () => {
    expect(apiFieldError({ message: "body.connection_string: host db.internal is not allowed", status: 422, details: { field: "body.connection_string" } }, ["name", "connection_string"])).toEqual({
      field: "connection_string",
      message: "Host db.internal is not allowed",
    });
    expect(apiFieldError({ message: "body.tools[0].name: Too small", status: 422, details: { field: "body.tools[0].name" } }, ["tools"])).toEqual({ field: "tools", message: "Too small" });
    // The server's stdio refusals (403) name the kind, the command or one env variable.
    expect(apiFieldError({ message: "env LD_PRELOAD changes which code or programs a process loads, so a provider may not set it", status: 403, details: { field: "body.env.LD_PRELOAD" } }, ["kind", "command", "env"])).toEqual({
      field: "env",
      message: "Env LD_PRELOAD changes which code or programs a process loads, so a provider may not set it",
    });
  });

  it("an error about the whole request stays on the form, and a taken name goes to the name", () => {
    expect(apiFieldError({ message: "Could not list the provider's tools: fetch failed", status: 422, details: { field: "body" } }, ["name", "url"])).toEqual({
      field: null,
      message: "Could not list the provider's tools: fetch failed",
    });
    expect(apiFieldError({ message: "A record with these values already exists", status: 409 }, ["name"])).toEqual({ field: "name", message: "That name is taken in this workspace: choose another" });
  });
});
