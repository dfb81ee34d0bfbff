import type { BuiltinActionKind } from "../../actions/registry";
import type { Executor } from "./types";
import { condition, transform } from "./expression";
import { createFlashboard } from "./flashboard";
import { httpRequest, notify } from "./http";
import { llm } from "./llm";
import { runSql } from "./sql";

/**
 * The executor of every built-in action kind (the registry in lib/actions holds their schemas and
 * flags; this map is typed so a kind without an executor does not compile). Approval gates are
 * not executed: the runner parks the run at them.
 */
export const BUILTIN_EXECUTORS: Record<Exclude<BuiltinActionKind, "approval_gate">, Executor> = {
  generate_query: runSql,
  run_sql: runSql,
  create_flashboard: createFlashboard,
  http_request: httpRequest,
  transform,
  notify,
  llm,
  condition,
};
