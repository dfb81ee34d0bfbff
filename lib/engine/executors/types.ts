import type { TStep } from "../../automations/schemas";
import type { DbClient } from "../../db";
import type { EgressPolicy } from "../../security/egress";

/** What an executor knows about the call it is making. */
export type ExecContext = {
  db: DbClient;
  workspaceId: string;
  automationId: string;
  runId: string;
  step: TStep;
  /** 1 for the first try. */
  attempt: number;
  /** `run:step:attempt` (a loop item: `run:step:attempt:item`): the same on a resumed attempt, so tools can drop a repeated call. */
  idempotencyKey: string;
  /** Aborted on timeout or when the run is canceled. */
  signal: AbortSignal;
  /** Which private hosts outbound HTTP may reach (the workspace's allow-list). */
  egress: EgressPolicy;
};

export type Executor = (inputs: Record<string, unknown>, ctx: ExecContext) => Promise<unknown>;
