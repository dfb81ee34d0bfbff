// Response shapes the browser reads. Where the route has a response schema, the type is that
// schema's output, so the client cannot drift from what the server sends. Type-only imports:
// nothing from these server modules (Prisma, pg) is bundled into the browser.
import type { z } from "zod";
import type { ZAutomation, ZAutomationSummary, ZVersion, ZVersionSummary, TDefinition, TStep } from "../automations/schemas";
import type { ZAuditEvent } from "../audit/audit";
import type { MergeDifference } from "../crystallize/merge";
import type { ZImportReport } from "../importers/types";
import type { ZCreatedInvite, ZInvite, ZRole } from "../invites/schemas";
import type { ZMember } from "../members/list-members";
import type { ZMessageOut, ZRun, ZSourceSummary, ZThread, ZToolCallOut } from "../sources/schemas";
import type { ZWorkspaceSettings } from "../workspaces/settings";

export type Page<T> = { data: T[]; next_cursor: string | null };

// Sources: agent runs and chat threads
export type SourceKind = z.output<typeof ZSourceSummary>["kind"];
export type SourceSummary = z.output<typeof ZSourceSummary>;
export type ToolCall = z.output<typeof ZToolCallOut>;
export type Message = z.output<typeof ZMessageOut>;
export type AgentRun = z.output<typeof ZRun>;
export type ChatThread = z.output<typeof ZThread>;
export type SourceDetail = AgentRun | ChatThread;
export type ImportReport = z.output<typeof ZImportReport>;

// Automations and their versions
export type Automation = z.output<typeof ZAutomation>;
export type AutomationSummary = z.output<typeof ZAutomationSummary>;
export type Step = TStep;
export type Definition = TDefinition;
export type VersionSummary = z.output<typeof ZVersionSummary>;
export type Version = z.output<typeof ZVersion>;

// The workspace and its people
export type Role = z.output<typeof ZRole>;
export type Member = z.output<typeof ZMember>;
export type Invite = z.output<typeof ZInvite>;
export type CreatedInvite = z.output<typeof ZCreatedInvite>;
export type WorkspaceSettings = z.output<typeof ZWorkspaceSettings>;
export type AuditEvent = z.output<typeof ZAuditEvent>;

// ---------------------------------------------------------------------------------------------
// Still hand-written: these routes have no response schema yet. Each type should become the
// z.output of the route's schema once it has one.
// ---------------------------------------------------------------------------------------------

/** GET /api/v1/me (its schema is inline in the route). */
export type Me = { workspace: { id: string; name: string }; actor: { type: "user" | "key"; id: string; role: string } };
/** GET /api/v1/workspaces */
export type WorkspaceOption = { id: string; name: string; role: string; current: boolean };

export type StepRun = {
  step_key: string;
  status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "canceled";
  attempts: number;
  inputs: unknown;
  output: unknown;
  error: unknown;
  reused: boolean;
  next_attempt_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
};

export type RunSummary = {
  id: string;
  automation_id: string;
  version: number;
  status: "queued" | "running" | "waiting_for_approval" | "succeeded" | "failed" | "canceled";
  trigger: string;
  retry_of: string | null;
  error: unknown;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
};
/** A row of GET /api/v1/runs, which names the automation. */
export type RunListRow = RunSummary & { automation_name: string };
export type RunDetail = RunSummary & { input: unknown; output: unknown; steps: StepRun[]; approvals: { id: string; step_key: string; status: string }[] };

export type Approval = {
  id: string;
  run_id: string;
  automation_id: string;
  step_key: string;
  status: string;
  message: string | null;
  comment: string | null;
  decided_by: string | null;
  decided_at: string | null;
  expires_at: string | null;
  created_at: string;
};

/** GET /api/v1/automations/{id}/activation */
export type Blocker = { step: string | null; reason: string; message: string };
export type ActivationCheck = { can_activate: boolean; blockers: Blocker[] };

/** POST /api/v1/automations/{id}/replay */
export type ReplayStep = { step_key: string; mode: string; verdict: string; output?: unknown; recorded?: unknown; error?: string; duration_ms: number };
export type Replay = { reproduces: boolean; summary: Record<string, number>; duration_ms: number; steps: ReplayStep[] };

/** POST …/crystallize: the automation made, and what a merge into an existing one changed. */
export type Merge = { into: string; from_version: number; version: number; differences: MergeDifference[] };
export type Crystallized = { automation: Automation; merge?: Merge };

export type Trigger = {
  id: string;
  kind: "schedule" | "webhook" | "event";
  enabled: boolean;
  cron?: string;
  timezone?: string;
  description?: string;
  next_fire_times?: string[];
  url?: string;
  secret?: string;
  event_name?: string;
};
/** GET /api/v1/cron-preview */
export type CronPreview = { description: string; next_fire_times: string[] };

export type ToolProvider = { id: string; name: string; tools: { name: string }[] };

export type FlashboardSummary = { id: string; title: string; automation_id: string; run_id: string | null; url: string; updated_at: string };
export type FlashboardRow = Record<string, unknown>;
export type FlashboardChart = { type: string; title: string; x?: string; y?: string | string[]; data: FlashboardRow[] };
export type Flashboard = {
  id: string;
  title: string;
  automation_id: string;
  run_id: string | null;
  charts: FlashboardChart[];
  tables: { title: string; columns?: string[]; rows: FlashboardRow[] }[];
  updated_at: string;
};

export type ApiKey = { id: string; name: string; prefix: string; role: string; created_by: string | null; last_used_at: string | null; revoked_at: string | null; created_at: string };
export type CreatedApiKey = ApiKey & { secret: string };

/** GET /api/v1/openapi.json, as far as the API reference page reads it. */
export type OpenApiParam = { name: string; in: string; required: boolean; schema: { type?: string; enum?: unknown[]; description?: string } };
export type OpenApiOperation = {
  summary: string;
  tags: string[];
  parameters: OpenApiParam[];
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};
export type OpenApiDoc = { info: { title: string; description: string }; paths: Record<string, Record<string, OpenApiOperation>> };
