-- Finished runs are pruned oldest first, past their retention (RUN_RETENTION_DAYS).
CREATE INDEX "automation_run_endedAt_idx" ON "automation_run"("endedAt");

-- Workers sweep for running runs whose lease lapsed (their worker died): a run started in place
-- has no queue job to be retried.
CREATE INDEX "automation_run_status_leaseExpiresAt_idx" ON "automation_run"("status", "leaseExpiresAt");
