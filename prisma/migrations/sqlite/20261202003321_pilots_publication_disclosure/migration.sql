-- AlterTable
ALTER TABLE "Case" ADD COLUMN "resultsPublishedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Pilot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameZh" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "scope" TEXT NOT NULL DEFAULT '[]',
    "applicationsFrom" DATETIME,
    "applicationsUntil" DATETIME,
    "createdById" TEXT,
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    "stageLimits" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Pilot" ("createdAt", "endsAt", "id", "name", "nameZh", "stageLimits", "startsAt", "status") SELECT "createdAt", "endsAt", "id", "name", "nameZh", "stageLimits", "startsAt", "status" FROM "Pilot";
DROP TABLE "Pilot";
ALTER TABLE "new_Pilot" RENAME TO "Pilot";
CREATE UNIQUE INDEX "Pilot_name_key" ON "Pilot"("name");
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
    "deployments" TEXT NOT NULL DEFAULT '',
    "buildFingerprint" TEXT,
    "pdf" BLOB NOT NULL,
    "pdfSha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Certificate_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Certificate" ("awardSeq", "caseId", "changeId", "createdAt", "id", "issuedAt", "level", "number", "pdf", "pdfSha256", "productSnapshot", "profile", "publicId", "revision", "revisionKind", "revisionReason", "status", "statusChangedAt", "statusReason", "supersededAt", "supersededById", "validUntil") SELECT "awardSeq", "caseId", "changeId", "createdAt", "id", "issuedAt", "level", "number", "pdf", "pdfSha256", "productSnapshot", "profile", "publicId", "revision", "revisionKind", "revisionReason", "status", "statusChangedAt", "statusReason", "supersededAt", "supersededById", "validUntil" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_awardSeq_key" ON "Certificate"("awardSeq");
CREATE UNIQUE INDEX "Certificate_publicId_key" ON "Certificate"("publicId");
CREATE UNIQUE INDEX "Certificate_pdfSha256_key" ON "Certificate"("pdfSha256");
CREATE UNIQUE INDEX "Certificate_number_revision_key" ON "Certificate"("number", "revision");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Backfill (hand-written): pilots made before pilot management were opened when they started.
UPDATE "Pilot" SET "openedAt" = "startsAt" WHERE "status" = 'open' AND "openedAt" IS NULL;
