-- Finished runs are pruned oldest first, past their retention (RUN_RETENTION_DAYS).
CREATE INDEX "automation_run_endedAt_idx" ON "automation_run"("endedAt");
