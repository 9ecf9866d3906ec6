-- CreateTable
CREATE TABLE "ChangeCase" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "surveillanceDueAt" DATETIME,
    "concludeBy" DATETIME,
    "complaintId" TEXT,
    "reportedById" TEXT,
    "labOrgId" TEXT,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stateEnteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "concludedAt" DATETIME,
    CONSTRAINT "ChangeCase_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChangeReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "changeId" TEXT NOT NULL,
    "labOrgId" TEXT NOT NULL,
    "results" TEXT NOT NULL,
    "level" TEXT,
    "failing" TEXT NOT NULL DEFAULT '[]',
    "complete" BOOLEAN NOT NULL DEFAULT false,
    "updatedById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    CONSTRAINT "ChangeReport_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeCase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "awardSeq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "revisionKind" TEXT NOT NULL DEFAULT 'award',
    "revisionReason" TEXT,
    "changeId" TEXT,
    "supersededById" TEXT,
    "supersededAt" DATETIME,
    "publicId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusReason" TEXT,
    "statusChangedAt" DATETIME,
    "level" TEXT NOT NULL,
    "profile" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "validUntil" DATETIME NOT NULL,
    "productSnapshot" TEXT NOT NULL DEFAULT '{}',
    "pdf" BLOB NOT NULL,
    "pdfSha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Certificate_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Certificate" ("awardSeq", "caseId", "createdAt", "id", "issuedAt", "level", "number", "pdf", "pdfSha256", "productSnapshot", "profile", "publicId", "revision", "status", "statusChangedAt", "statusReason", "supersededAt", "supersededById", "validUntil") SELECT "awardSeq", "caseId", "createdAt", "id", "issuedAt", "level", "number", "pdf", "pdfSha256", "productSnapshot", "profile", "publicId", "revision", "status", "statusChangedAt", "statusReason", "supersededAt", "supersededById", "validUntil" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_awardSeq_key" ON "Certificate"("awardSeq");
CREATE UNIQUE INDEX "Certificate_publicId_key" ON "Certificate"("publicId");
CREATE UNIQUE INDEX "Certificate_pdfSha256_key" ON "Certificate"("pdfSha256");
CREATE UNIQUE INDEX "Certificate_number_revision_key" ON "Certificate"("number", "revision");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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


-- Backfill (hand-written): the certificate as first issued is revision 0 and each reissue R1, R2, …
-- (it was 1, 2, …). In two steps so that no step ever holds two rows with one (number, revision).
UPDATE "Certificate" SET "revision" = -"revision";
UPDATE "Certificate" SET "revision" = -"revision" - 1;
UPDATE "Certificate" SET "revisionKind" = 'downgrade'
  WHERE "awardSeq" IN (SELECT "auditSeq" FROM "Decision" WHERE "type" = 'DOWNGRADE');
