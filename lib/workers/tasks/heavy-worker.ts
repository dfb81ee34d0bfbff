import { parentPort } from "node:worker_threads";
import { ApiError } from "../../errors";
import type { JobMessage, JobReply } from "../pool";
import { TASKS, type Tasks } from "./tasks";

// Worker thread entry: runs one task per message and posts back its result, or the error as plain
// data (an ApiError keeps its code, message and fields, so the client gets the same 4xx).


parentPort!.on("message", ({ id, task, input }: JobMessage) => {
  let reply: JobReply;
  try {
    reply = { id, ok: true, output: (TASKS[task as keyof Tasks] as (i: unknown) => unknown)(input) };
  } catch (err) {
    reply = {
      id,
      ok: false,
      error: err instanceof ApiError ? { code: err.code, message: err.message, extra: err.extra } : { message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) },
    };
  }
  parentPort!.postMessage(reply);
});
