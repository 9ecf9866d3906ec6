-- AlterTable
ALTER TABLE "Pilot" ADD COLUMN     "applicationsFrom" TIMESTAMP(3),
ADD COLUMN     "applicationsUntil" TIMESTAMP(3),
ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "openedAt" TIMESTAMP(3),
ADD COLUMN     "scope" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "resultsPublishedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "buildFingerprint" TEXT,
ADD COLUMN     "deployments" TEXT NOT NULL DEFAULT '';


-- Backfill (hand-written): pilots made before pilot management were opened when they started.
UPDATE "Pilot" SET "openedAt" = "startsAt" WHERE "status" = 'open' AND "openedAt" IS NULL;
