-- AlterTable
ALTER TABLE "automation_run" ADD COLUMN     "chainId" TEXT;

-- CreateTable
CREATE TABLE "event_chain" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "requested" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_chain_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "event_chain_createdAt_idx" ON "event_chain"("createdAt");
