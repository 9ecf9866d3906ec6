-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "changeId" TEXT,
ADD COLUMN     "revisionKind" TEXT NOT NULL DEFAULT 'award',
ADD COLUMN     "revisionReason" TEXT,
ALTER COLUMN "revision" SET DEFAULT 0;

-- CreateTable
CREATE TABLE "ChangeCase" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromVersion" TEXT NOT NULL,
    "toVersion" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "snapshot" TEXT NOT NULL,
    "classification" TEXT,
    "items" TEXT NOT NULL DEFAULT '[]',
    "outcome" TEXT,
    "level" TEXT,
    "surveillanceDueAt" TIMESTAMP(3),
    "concludeBy" TIMESTAMP(3),
    "complaintId" TEXT,
    "reportedById" TEXT,
    "labOrgId" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stateEnteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "concludedAt" TIMESTAMP(3),

    CONSTRAINT "ChangeCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeReport" (
    "id" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "labOrgId" TEXT NOT NULL,
    "results" TEXT NOT NULL,
    "level" TEXT,
    "failing" TEXT NOT NULL DEFAULT '[]',
    "complete" BOOLEAN NOT NULL DEFAULT false,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "ChangeReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangeCase_state_idx" ON "ChangeCase"("state");

-- CreateIndex
CREATE INDEX "ChangeCase_caseId_idx" ON "ChangeCase"("caseId");

-- CreateIndex
CREATE INDEX "ChangeCase_labOrgId_state_idx" ON "ChangeCase"("labOrgId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeCase_caseId_surveillanceDueAt_key" ON "ChangeCase"("caseId", "surveillanceDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeReport_changeId_key" ON "ChangeReport"("changeId");

-- AddForeignKey
ALTER TABLE "ChangeCase" ADD CONSTRAINT "ChangeCase_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeReport" ADD CONSTRAINT "ChangeReport_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Backfill (hand-written): the certificate as first issued is revision 0 and each reissue R1, R2, …
-- (it was 1, 2, …). In two steps so that no step ever holds two rows with one (number, revision).
UPDATE "Certificate" SET "revision" = -"revision";
UPDATE "Certificate" SET "revision" = -"revision" - 1;
UPDATE "Certificate" SET "revisionKind" = 'downgrade'
  WHERE "awardSeq" IN (SELECT "auditSeq" FROM "Decision" WHERE "type" = 'DOWNGRADE');
