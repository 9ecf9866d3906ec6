-- AlterTable
ALTER TABLE "SchemeVersion" ADD COLUMN "approvedAt" DATETIME;
ALTER TABLE "SchemeVersion" ADD COLUMN "approvedById" TEXT;
ALTER TABLE "SchemeVersion" ADD COLUMN "commentsUntil" DATETIME;
ALTER TABLE "SchemeVersion" ADD COLUMN "effectiveFrom" DATETIME;
ALTER TABLE "SchemeVersion" ADD COLUMN "proposedAt" DATETIME;
ALTER TABLE "SchemeVersion" ADD COLUMN "transitionUntil" DATETIME;

-- AlterTable
ALTER TABLE "LabReport" ADD COLUMN "environment" TEXT;
ALTER TABLE "LabReport" ADD COLUMN "reportNumber" TEXT;
ALTER TABLE "LabReport" ADD COLUMN "sample" TEXT;
ALTER TABLE "LabReport" ADD COLUMN "signatory" TEXT;
ALTER TABLE "LabReport" ADD COLUMN "testedFrom" DATETIME;
ALTER TABLE "LabReport" ADD COLUMN "testedTo" DATETIME;

-- AlterTable
ALTER TABLE "LabResult" ADD COLUMN "n" INTEGER;
ALTER TABLE "LabResult" ADD COLUMN "uncertainty" REAL;

-- CreateTable
CREATE TABLE "SchemeComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "schemeVersionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorRole" TEXT NOT NULL,
    "target" TEXT,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" DATETIME,
    CONSTRAINT "SchemeComment_schemeVersionId_fkey" FOREIGN KEY ("schemeVersionId") REFERENCES "SchemeVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Category" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "certificateCode" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ProficiencyRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "schemeId" TEXT NOT NULL,
    "schemeVersion" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "referenceSample" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ProficiencyResult" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "labOrgId" TEXT NOT NULL,
    "values" TEXT NOT NULL DEFAULT '{}',
    "submittedById" TEXT,
    "submittedAt" DATETIME,
    CONSTRAINT "ProficiencyResult_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ProficiencyRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LabAccreditation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "labOrgId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "validFrom" DATETIME NOT NULL,
    "validUntil" DATETIME NOT NULL,
    "number" TEXT,
    "body" TEXT,
    "scope" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabAccreditation_labOrgId_fkey" FOREIGN KEY ("labOrgId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_LabAccreditation" ("category", "createdAt", "id", "labOrgId", "validFrom", "validUntil") SELECT "category", "createdAt", "id", "labOrgId", "validFrom", "validUntil" FROM "LabAccreditation";
DROP TABLE "LabAccreditation";
ALTER TABLE "new_LabAccreditation" RENAME TO "LabAccreditation";
CREATE UNIQUE INDEX "LabAccreditation_labOrgId_category_key" ON "LabAccreditation"("labOrgId", "category");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SchemeComment_schemeVersionId_idx" ON "SchemeComment"("schemeVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "Category_certificateCode_key" ON "Category"("certificateCode");

-- CreateIndex
CREATE INDEX "ProficiencyRound_status_idx" ON "ProficiencyRound"("status");

-- CreateIndex
CREATE INDEX "ProficiencyResult_labOrgId_idx" ON "ProficiencyResult"("labOrgId");

-- CreateIndex
CREATE UNIQUE INDEX "ProficiencyResult_roundId_labOrgId_key" ON "ProficiencyResult"("roundId", "labOrgId");


-- Backfill (hand-written): the seven categories the portal started with, and published scheme
-- versions in force since they were published.
INSERT INTO "Category" ("key", "nameZh", "nameEn", "certificateCode", "sortOrder") VALUES
  ('phone', 'AI手机', 'AI phone', 'PHONE', 1),
  ('pc', 'AI电脑', 'AI PC', 'PC', 2),
  ('tv', 'AI电视', 'AI TV', 'TV', 3),
  ('glasses', 'AI眼镜', 'AI glasses', 'GLASSES', 4),
  ('car', '智能座舱', 'Intelligent cockpit', 'CAR', 5),
  ('speaker', 'AI音箱', 'AI speaker', 'SPEAKER', 6),
  ('earphone', 'AI耳机', 'AI earphones', 'EARPHONE', 7);
UPDATE "SchemeVersion" SET "effectiveFrom" = "publishedAt" WHERE "status" = 'published' AND "effectiveFrom" IS NULL;
