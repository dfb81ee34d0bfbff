import { MAX_STEPS } from "../automations/schemas";
import { ApiError } from "../errors";

/**
 * How many tool calls one run or thread may hold. A crystallized automation gets one step per
 * call, so this is also the automation's step limit (ZDefinition): a source over it could never
 * be crystallized. Checked while counting, before the heavy work, so a huge upload is refused fast.
 */
export const MAX_SOURCE_TOOL_CALLS = MAX_STEPS;

/** Messages of one run or thread: a generous multiple of the call limit (calls and results alternate). */
export const MAX_SOURCE_MESSAGES = 4 * MAX_SOURCE_TOOL_CALLS;

export const tooManyToolCalls = (field: string, what = "this source") =>
  new ApiError(
    "validation_error",
    `${field}: ${what} has more than ${MAX_SOURCE_TOOL_CALLS} tool calls; a run or thread holds at most ${MAX_SOURCE_TOOL_CALLS} (split the log into several runs)`,
    { field },
  );

export const tooManyMessages = (field: string) =>
  new ApiError("validation_error", `${field}: more than ${MAX_SOURCE_MESSAGES} messages; a run or thread holds at most ${MAX_SOURCE_MESSAGES}`, { field });
