-- CreateTable
CREATE TABLE "step_item" (
    "runId" TEXT NOT NULL,
    "stepKey" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "status" "StepStatus" NOT NULL DEFAULT 'pending',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "inputs" JSONB,
    "output" JSONB,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "step_item_pkey" PRIMARY KEY ("runId","stepKey","index")
);

-- AddForeignKey
ALTER TABLE "step_item" ADD CONSTRAINT "step_item_runId_fkey" FOREIGN KEY ("runId") REFERENCES "automation_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
