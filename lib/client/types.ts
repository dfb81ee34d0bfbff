// Response shapes the browser reads. Where the route has a response schema, the type is that
// schema's output, so the client cannot drift from what the server sends. Type-only imports:
// nothing from these server modules (Prisma, pg) is bundled into the browser.
import type { z } from "zod";
import type { ZApiKey, ZCreatedApiKey } from "../api-keys/responses";
import type { ZApproval, ZGatedStep, ZPendingApprovalCount } from "../approvals/responses";
import type { ZDataSource, ZDataSourceTest } from "../data-sources/responses";
import type { ZAuditEvent } from "../audit/audit";
import type { ZActivationCheck, ZBlocker, ZReplayReport, ZReplayStep } from "../automations/responses";
import type { ZAutomation, ZAutomationSummary, ZVersion, ZVersionSummary, TDefinition, TStep } from "../automations/schemas";
import type { ZCrystallizeResult } from "../crystallize/responses";
import type { ZFlashboard, ZFlashboardChart, ZFlashboardSummary, ZFlashboardTable } from "../flashboards/responses";
import type { ZImportReport } from "../importers/types";
import type { ZCreatedInvite, ZInvite, ZRole } from "../invites/schemas";
import type { ZMember } from "../members/list-members";
import type { ZRunDetail, ZRunListItem, ZRunSummary, ZStepRun } from "../runs/responses";
import type { ZMessageOut, ZRun, ZSourceSummary, ZThread, ZToolCallOut } from "../sources/schemas";
import type { ZToolProvider } from "../tool-providers/responses";
import type { ZCronPreview, ZTrigger } from "../triggers/responses";
import type { ZMe, ZWorkspaceEntry } from "../workspaces/responses";
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

// The workspace switcher and the caller
export type Me = z.output<typeof ZMe>;
export type WorkspaceOption = z.output<typeof ZWorkspaceEntry>;

// Runs of automations, their steps and approval gates
export type StepRun = z.output<typeof ZStepRun>;
export type RunSummary = z.output<typeof ZRunSummary>;
export type RunListRow = z.output<typeof ZRunListItem>;
export type RunDetail = z.output<typeof ZRunDetail>;
export type Approval = z.output<typeof ZApproval>;
export type GatedStep = z.output<typeof ZGatedStep>;
export type PendingApprovalCount = z.output<typeof ZPendingApprovalCount>;
export type DataSource = z.output<typeof ZDataSource>;
export type DataSourceTest = z.output<typeof ZDataSourceTest>;

// Activating, replaying and crystallizing
export type Blocker = z.output<typeof ZBlocker>;
export type ActivationCheck = z.output<typeof ZActivationCheck>;
export type ReplayStep = z.output<typeof ZReplayStep>;
export type Replay = z.output<typeof ZReplayReport>;
export type Crystallized = z.output<typeof ZCrystallizeResult>;
/** What a merge into an existing automation changed. */
export type Merge = NonNullable<Crystallized["merge"]>;

// Triggers
export type Trigger = z.output<typeof ZTrigger>;
export type CronPreview = z.output<typeof ZCronPreview>;

// Tools, flashboards and API keys
export type ToolProvider = z.output<typeof ZToolProvider>;
export type FlashboardSummary = z.output<typeof ZFlashboardSummary>;
export type FlashboardChart = z.output<typeof ZFlashboardChart>;
export type FlashboardTable = z.output<typeof ZFlashboardTable>;
export type FlashboardRow = FlashboardChart["data"][number];
export type Flashboard = z.output<typeof ZFlashboard>;
export type ApiKey = z.output<typeof ZApiKey>;
export type CreatedApiKey = z.output<typeof ZCreatedApiKey>;

// ---------------------------------------------------------------------------------------------
// The OpenAPI document is written by hand here: it is a document the server generates, not a
// route response with a schema of its own (its route declares only "a record"). These types
// cover what the API reference page reads and no more.
// ---------------------------------------------------------------------------------------------

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
export type OpenApiDoc = {
  info: { title: string; description: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  /** Named schemas, which bodies reach by `{"$ref": "#/components/schemas/Name"}`. */
  components?: { schemas?: Record<string, unknown> };
};
