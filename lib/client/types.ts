// Response shapes the browser reads, mirroring the API's presenters.
import type { TDefinition, TStep } from "../automations/schemas";

export type Page<T> = { data: T[]; next_cursor: string | null };

export type SourceSummary = {
  kind: "agent_run" | "chat_thread";
  id: string;
  title: string;
  agent: string | null;
  status: string;
  tool_call_count: number;
  created_at: string;
};

export type ToolCall = {
  id: string;
  call_id: string;
  tool: string;
  position: number;
  message_id: string | null;
  arguments: unknown;
  result: unknown;
  status: "succeeded" | "failed" | "pending";
  error: unknown;
  started_at: string | null;
  ended_at: string | null;
  approval: { status: string; decided_by: string | null; decided_at: string | null; comment: string | null } | null;
};

export type Message = { id: string; position: number; role: string; content: unknown; text: string | null; tool_call_id: string | null };

export type SourceDetail = {
  id: string;
  status: string;
  agent?: string;
  title?: string;
  tool_call_count: number;
  started_at?: string | null;
  created_at: string;
  messages: Message[];
  tool_calls: ToolCall[];
};

export type Automation = {
  id: string;
  name: string;
  description: string | null;
  source_type: string;
  status: "draft" | "active" | "paused";
  version: number;
  source: { type: "agent_run" | "chat_thread"; id: string } | null;
  definition: TDefinition;
  created_at: string;
  updated_at: string;
};
export type AutomationSummary = Omit<Automation, "definition">;
export type Step = TStep;
export type Definition = TDefinition;

export type VersionSummary = { version: number; message: string | null; author: string | null; restored_from: number | null; created_at: string };

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

export type Blocker = { step: string | null; reason: string; message: string };
