-- DropIndex
DROP INDEX "tool_call_runId_callId_key";

-- DropIndex
DROP INDEX "tool_call_threadId_callId_key";

-- CreateIndex
CREATE INDEX "tool_call_runId_callId_idx" ON "tool_call"("runId", "callId");

-- CreateIndex
CREATE INDEX "tool_call_threadId_callId_idx" ON "tool_call"("threadId", "callId");
