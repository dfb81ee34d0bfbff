/** Which stored source an automation is crystallized from. */
export type SourceRef = { type: "agent_run"; id: string } | { type: "chat_thread"; id: string };
