-- AlterTable
ALTER TABLE "OutboxJob" ADD COLUMN "failedAt" DATETIME;
ALTER TABLE "OutboxJob" ADD COLUMN "nextAttemptAt" DATETIME;

-- CreateIndex
CREATE INDEX "OutboxJob_status_nextAttemptAt_idx" ON "OutboxJob"("status", "nextAttemptAt");

