"use client";
import { reviewReason } from "@/lib/automations/derive-metadata";
import { Handle, Position, type Node, type NodeProps, type NodeTypes } from "@xyflow/react";
import { isBuiltinKind, type BuiltinActionKind } from "@/lib/actions/registry";
import {
  AlertTriangle,
  Bell,
  Bot,
  CheckCircle2,
  ChevronsDown,
  Database,
  GitBranch,
  Globe,
  LayoutDashboard,
  Repeat,
  Shuffle,
  ShieldCheck,
  Sparkles,
  Wrench,
  Zap,
  type LucideIcon,
} from "lucide-react";
import { memo } from "react";
import type { TStep } from "@/lib/automations/schemas";
import type { StepRun } from "@/lib/client/types";
import { describeProgress, loopPhrase, loopPhraseFull, type LoopProgress } from "@/lib/client/loop";
import { cx } from "../ui/ui";
import { stepSubtitle } from "@/lib/editor/step-subtitle";
import type { TriggerSummary } from "@/lib/editor/trigger-summary";

// One typed node per step type. The same nodes draw the editor and the live run view; a run adds
// its step status. A looping step is one node drawn as a stack of cards, with the list it runs
// over (and, in a run, how many of its items are done).

/** `problem`: why the step cannot run as it stands (an unbound tool, invalid inputs), from the activation check. */
export type StepNodeData = { step: TStep; status?: StepRun["status"]; attempts?: number; loop?: LoopProgress | null; problem?: string };
export type ActionNode = Node<StepNodeData, "action">;
export type GateNode = Node<StepNodeData, "approval_gate">;
export type ConditionNode = Node<StepNodeData, "condition">;
export type StepFlowNode = ActionNode | GateNode | ConditionNode;
/** What starts a run ("Schedule · every day at 09:00", "Manual runs only"), drawn above the first steps. */
export type TriggerNode = Node<TriggerSummary, "trigger">;
/** A closed run of steps (lib/editor/chains.ts): `chosen` when a step picked is inside it. */
export type ChainData = { keys: readonly string[]; detail: string; toReview: number; problems: number; chosen: boolean };
export type ChainNode = Node<ChainData, "chain">;
/** Every node the canvas draws: one per step (or closed chain of steps), and the trigger's. */
export type CanvasNode = StepFlowNode | ChainNode | TriggerNode;

/** Typed by kind: a kind added to the registry without an icon does not compile. Tools get the wrench. */
const KIND_ICONS: Record<BuiltinActionKind, LucideIcon> = {
  run_sql: Database,
  generate_query: Sparkles,
  create_flashboard: LayoutDashboard,
  http_request: Globe,
  transform: Shuffle,
  notify: Bell,
  llm: Bot,
  approval_gate: ShieldCheck,
  condition: GitBranch,
};
/** The icon of an action kind or step type (a wrench for kinds without one of their own). */
export function KindIcon({ kind, className }: { kind: string | undefined; className?: string }) {
  const Icon = isBuiltinKind(kind) ? KIND_ICONS[kind] : Wrench;
  return <Icon className={className} aria-hidden />;
}

const STATUS_RING: Record<StepRun["status"], string> = {
  pending: "border-slate-300 dark:border-slate-600",
  running: "border-sky-500 ring-2 ring-sky-300 animate-pulse",
  waiting: "border-amber-500 ring-2 ring-amber-300",
  succeeded: "border-emerald-500 ring-2 ring-emerald-200 dark:ring-emerald-900",
  failed: "border-red-500 ring-2 ring-red-200 dark:ring-red-900",
  skipped: "border-slate-300 opacity-60 dark:border-slate-600",
  canceled: "border-slate-400 opacity-70",
};

// The cards behind a loop's node: the node's own fill and border, offset twice.
const STACKED =
  "shadow-[5px_5px_0_-2px_var(--color-white),5px_5px_0_0_var(--color-slate-500),10px_10px_0_-2px_var(--color-white),10px_10px_0_0_var(--color-slate-400)] dark:shadow-[5px_5px_0_-2px_var(--color-slate-900),5px_5px_0_0_var(--color-slate-500),10px_10px_0_-2px_var(--color-slate-900),10px_10px_0_0_var(--color-slate-600)]";

function NodeBody({ data, selected, tone }: { data: StepNodeData; selected: boolean; tone: string }) {
  const { step, status, loop, problem } = data;
  const subtitle = stepSubtitle(step);
  const kind = step.type === "action" ? step.action_kind : step.type;
  const reason = reviewReason(step);
  const flagged = reason !== null;
  const reviewed = flagged && !!step.reviewed;
  const forEach = step.for_each;
  return (
    <div
      data-step={step.key}
      data-status={status}
      data-flagged={flagged ? (reviewed ? "reviewed" : "unreviewed") : undefined}
      data-loop={forEach ? "" : undefined}
      className={cx(
        // Four lines (a loop that needs review) only fit the node's fixed height closer together.
        "flex h-[76px] w-[240px] flex-col justify-center rounded-lg border-2 px-3 text-left",
        forEach && flagged && !reviewed && !status ? "gap-0.5" : "gap-1",
        forEach ? STACKED : "shadow-sm",
        tone,
        status ? STATUS_RING[status] : problem ? "border-red-500 ring-2 ring-red-200 dark:ring-red-900" : flagged && !reviewed ? "border-orange-500 ring-2 ring-orange-200 dark:ring-orange-900" : "",
        selected && "outline-2 outline-offset-2 outline-indigo-500",
      )}
      title={flagged ? `Needs review: ${reason}` : undefined}
    >
      <div className="flex items-center gap-2">
        <KindIcon kind={kind} className="size-4 shrink-0" />
        <span className="truncate text-sm font-medium">{step.name && step.name !== kind ? step.name : step.key}</span>
        {status && <span className="ml-auto text-[10px] font-semibold uppercase">{status}</span>}
      </div>
      <div className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
        <span className="truncate font-mono" title={`${kind}: ${subtitle}`} data-testid="step-subtitle">
          {subtitle || kind}
        </span>
        {problem && (
          <span className="ml-auto inline-flex shrink-0 items-center gap-0.5 rounded bg-red-100 px-1 text-[10px] text-red-800 dark:bg-red-900 dark:text-red-100" title={problem} data-testid="step-problem">
            <AlertTriangle className="size-3" aria-hidden /> {problem.startsWith("unbound") ? "unbound" : "invalid"}
          </span>
        )}
        {!problem && flagged &&
          (reviewed ? (
            <span className="ml-auto inline-flex items-center gap-0.5 rounded bg-emerald-100 px-1 text-[10px] text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100">
              <CheckCircle2 className="size-3" aria-hidden /> reviewed
            </span>
          ) : (
            <span className="ml-auto inline-flex items-center gap-0.5 rounded bg-orange-100 px-1 text-[10px] text-orange-800 dark:bg-orange-900 dark:text-orange-100">
              <AlertTriangle className="size-3" aria-hidden /> review
            </span>
          ))}
      </div>
      {forEach && (
        <div className="flex items-center gap-1 text-[11px] leading-4 text-indigo-800 dark:text-indigo-200" title={loopPhraseFull(forEach.items)}>
          <Repeat className="size-3 shrink-0" aria-hidden />
          <span className="truncate font-medium">{loopPhrase(forEach.items)}</span>
          {loop && (
            <span
              data-testid="loop-progress"
              title={describeProgress(loop)}
              className={cx(
                "ml-auto shrink-0 rounded px-1 text-[10px] font-semibold tabular-nums",
                loop.failed ? "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100" : "bg-indigo-100 text-indigo-800 dark:bg-indigo-900 dark:text-indigo-100",
              )}
            >
              {loop.succeeded}/{loop.total}
            </span>
          )}
        </div>
      )}
      {flagged && !reviewed && !status && <div className="truncate text-[10px] leading-4 text-orange-700 dark:text-orange-300">{reason}</div>}
    </div>
  );
}

export const ActionStepNode = memo(function ActionStepNode({ data, selected }: NodeProps<ActionNode>) {
  return (
    <>
      <Handle type="target" position={Position.Top} />
      <NodeBody data={data} selected={selected} tone="bg-white dark:bg-slate-900" />
      <Handle type="source" position={Position.Bottom} />
    </>
  );
});

export const GateStepNode = memo(function GateStepNode({ data, selected }: NodeProps<GateNode>) {
  return (
    <>
      <Handle type="target" position={Position.Top} />
      <NodeBody data={data} selected={selected} tone="border-dashed border-amber-500 bg-amber-50 dark:bg-amber-950" />
      <Handle type="source" position={Position.Bottom} />
    </>
  );
});

export const ConditionStepNode = memo(function ConditionStepNode({ data, selected }: NodeProps<ConditionNode>) {
  return (
    <>
      <Handle type="target" position={Position.Top} />
      <NodeBody data={data} selected={selected} tone="border-violet-500 bg-violet-50 dark:bg-violet-950" />
      <Handle type="source" id="true" position={Position.Bottom} style={{ left: "30%", background: "#059669" }} title="true branch" />
      <Handle type="source" id="false" position={Position.Bottom} style={{ left: "70%", background: "#dc2626" }} title="false branch" />
    </>
  );
});

/** The trigger: not a step, so it cannot be selected, moved, deleted or connected to; a click opens the triggers. */
export const TriggerStepNode = memo(function TriggerStepNode({ data }: NodeProps<TriggerNode>) {
  return (
    <>
      <div
        data-testid="trigger-node"
        className="flex h-[76px] w-[240px] cursor-pointer flex-col justify-center gap-1 rounded-full border-2 border-sky-500 bg-sky-50 px-5 text-left shadow-sm dark:bg-sky-950"
        title="What starts a run: open Triggers to change it"
      >
        <div className="flex items-center gap-2">
          <Zap className="size-4 shrink-0 text-sky-600 dark:text-sky-300" aria-hidden />
          <span className="truncate text-sm font-medium">{data.label}</span>
        </div>
        {data.detail && <span className="truncate text-xs text-slate-600 dark:text-slate-400">{data.detail}</span>}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </>
  );
});

/** A closed chain, drawn as a stack like a loop; a click opens it into its steps. */
export const ChainStepNode = memo(function ChainStepNode({ data }: NodeProps<ChainNode>) {
  const { keys, detail, toReview, problems, chosen } = data;
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div
        data-testid="chain-node"
        className={cx(
          "flex h-[76px] w-[240px] cursor-pointer flex-col justify-center gap-1 rounded-lg border-2 border-slate-400 bg-slate-50 px-3 text-left dark:border-slate-500 dark:bg-slate-900",
          STACKED,
          chosen && "outline-2 outline-offset-2 outline-indigo-500",
        )}
        title="Open the group to see its steps"
      >
        <div className="flex items-center gap-2">
          <ChevronsDown className="size-4 shrink-0 text-slate-500" aria-hidden />
          <span className="truncate text-sm font-medium">{keys.length} steps</span>
          <span className="ml-auto truncate font-mono text-[10px] text-slate-500">
            {keys[0]} … {keys[keys.length - 1]}
          </span>
        </div>
        <div className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
          <span className="truncate font-mono">{detail}</span>
          {problems > 0 ? (
            <span className="ml-auto inline-flex shrink-0 items-center gap-0.5 rounded bg-red-100 px-1 text-[10px] text-red-800 dark:bg-red-900 dark:text-red-100">
              <AlertTriangle className="size-3" aria-hidden /> {problems}
            </span>
          ) : (
            toReview > 0 && (
              <span className="ml-auto inline-flex shrink-0 items-center gap-0.5 rounded bg-orange-100 px-1 text-[10px] text-orange-800 dark:bg-orange-900 dark:text-orange-100">
                <AlertTriangle className="size-3" aria-hidden /> {toReview} to review
              </span>
            )
          )}
        </div>
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </>
  );
});

/** One node component per node type, at module scope so React Flow never sees a new object. */
export const NODE_TYPES = { action: ActionStepNode, approval_gate: GateStepNode, condition: ConditionStepNode, chain: ChainStepNode, trigger: TriggerStepNode } satisfies NodeTypes &
  Record<CanvasNode["type"], unknown>;
