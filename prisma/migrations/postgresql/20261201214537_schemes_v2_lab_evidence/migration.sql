-- AlterTable
ALTER TABLE "LabAccreditation" ADD COLUMN     "body" TEXT,
ADD COLUMN     "number" TEXT,
ADD COLUMN     "scope" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "SchemeVersion" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "commentsUntil" TIMESTAMP(3),
ADD COLUMN     "effectiveFrom" TIMESTAMP(3),
ADD COLUMN     "proposedAt" TIMESTAMP(3),
ADD COLUMN     "transitionUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "LabReport" ADD COLUMN     "environment" TEXT,
ADD COLUMN     "reportNumber" TEXT,
ADD COLUMN     "sample" TEXT,
ADD COLUMN     "signatory" TEXT,
ADD COLUMN     "testedFrom" TIMESTAMP(3),
ADD COLUMN     "testedTo" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "LabResult" ADD COLUMN     "n" INTEGER,
ADD COLUMN     "uncertainty" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "SchemeComment" (
    "id" TEXT NOT NULL,
    "schemeVersionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorRole" TEXT NOT NULL,
    "target" TEXT,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "SchemeComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "key" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "certificateCode" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ProficiencyRound" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "schemeId" TEXT NOT NULL,
    "schemeVersion" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "referenceSample" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "ProficiencyRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProficiencyResult" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "labOrgId" TEXT NOT NULL,
    "values" TEXT NOT NULL DEFAULT '{}',
    "submittedById" TEXT,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "ProficiencyResult_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "SchemeComment" ADD CONSTRAINT "SchemeComment_schemeVersionId_fkey" FOREIGN KEY ("schemeVersionId") REFERENCES "SchemeVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProficiencyResult" ADD CONSTRAINT "ProficiencyResult_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ProficiencyRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


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
