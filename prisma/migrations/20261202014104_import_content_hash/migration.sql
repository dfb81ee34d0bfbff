-- AlterTable
ALTER TABLE "agent_run" ADD COLUMN     "contentHash" TEXT;

-- AlterTable
ALTER TABLE "chat_thread" ADD COLUMN     "contentHash" TEXT;

-- CreateIndex
CREATE INDEX "agent_run_workspaceId_contentHash_idx" ON "agent_run"("workspaceId", "contentHash");

-- CreateIndex
CREATE INDEX "chat_thread_workspaceId_contentHash_idx" ON "chat_thread"("workspaceId", "contentHash");
