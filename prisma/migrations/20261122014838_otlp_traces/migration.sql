-- AlterTable
ALTER TABLE "agent_run" ADD COLUMN     "traceId" TEXT;

-- CreateTable
CREATE TABLE "trace_span" (
    "workspaceId" TEXT NOT NULL,
    "traceId" TEXT NOT NULL,
    "spanId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trace_span_pkey" PRIMARY KEY ("workspaceId","traceId","spanId")
);

-- CreateIndex
CREATE UNIQUE INDEX "agent_run_workspaceId_traceId_key" ON "agent_run"("workspaceId", "traceId");

-- AddForeignKey
ALTER TABLE "trace_span" ADD CONSTRAINT "trace_span_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
