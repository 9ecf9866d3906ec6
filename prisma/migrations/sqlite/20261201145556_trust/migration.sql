-- AlterTable
ALTER TABLE "User" ADD COLUMN "totpEnabledAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "totpLastStep" INTEGER;
ALTER TABLE "User" ADD COLUMN "totpPendingSecret" TEXT;
ALTER TABLE "User" ADD COLUMN "totpSecret" TEXT;

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RevokedSession" (
    "jti" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ThrottleCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" DATETIME NOT NULL,
    "nextAttemptAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReviewRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "endedAt" DATETIME,
    CONSTRAINT "ReviewRound_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "scopes" TEXT NOT NULL DEFAULT 'read',
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ApiToken" ("createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "tokenHash", "userId") SELECT "createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "tokenHash", "userId" FROM "ApiToken";
DROP TABLE "ApiToken";
ALTER TABLE "new_ApiToken" RENAME TO "ApiToken";
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "schemeVersionId" TEXT NOT NULL,
    "pilotId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "claimedLevel" TEXT NOT NULL,
    "application" TEXT NOT NULL DEFAULT '{}',
    "productSnapshot" TEXT NOT NULL DEFAULT '{}',
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "snapshot" TEXT NOT NULL,
    "labOrgId" TEXT,
    "labLevel" TEXT,
    "labProfile" TEXT,
    "recommendation" TEXT,
    "awardedLevel" TEXT,
    "validUntil" DATETIME,
    "stateEnteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_schemeVersionId_fkey" FOREIGN KEY ("schemeVersionId") REFERENCES "SchemeVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_pilotId_fkey" FOREIGN KEY ("pilotId") REFERENCES "Pilot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_labOrgId_fkey" FOREIGN KEY ("labOrgId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("application", "awardedLevel", "claimedLevel", "createdAt", "createdById", "id", "labLevel", "labOrgId", "labProfile", "organizationId", "pilotId", "productId", "recommendation", "schemeVersionId", "snapshot", "state", "stateEnteredAt", "updatedAt", "validUntil", "version") SELECT "application", "awardedLevel", "claimedLevel", "createdAt", "createdById", "id", "labLevel", "labOrgId", "labProfile", "organizationId", "pilotId", "productId", "recommendation", "schemeVersionId", "snapshot", "state", "stateEnteredAt", "updatedAt", "validUntil", "version" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE INDEX "Case_organizationId_idx" ON "Case"("organizationId");
CREATE INDEX "Case_labOrgId_idx" ON "Case"("labOrgId");
CREATE INDEX "Case_state_idx" ON "Case"("state");
CREATE INDEX "Case_pilotId_idx" ON "Case"("pilotId");
CREATE TABLE "new_Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "awardSeq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
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
INSERT INTO "new_Certificate" ("awardSeq", "caseId", "createdAt", "id", "issuedAt", "level", "number", "pdf", "pdfSha256", "profile", "publicId", "status", "statusChangedAt", "statusReason", "validUntil") SELECT "awardSeq", "caseId", "createdAt", "id", "issuedAt", "level", "number", "pdf", "pdfSha256", "profile", "publicId", "status", "statusChangedAt", "statusReason", "validUntil" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_awardSeq_key" ON "Certificate"("awardSeq");
CREATE UNIQUE INDEX "Certificate_number_key" ON "Certificate"("number");
CREATE UNIQUE INDEX "Certificate_publicId_key" ON "Certificate"("publicId");
CREATE UNIQUE INDEX "Certificate_pdfSha256_key" ON "Certificate"("pdfSha256");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryCode_codeHash_key" ON "RecoveryCode"("codeHash");

-- CreateIndex
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");

-- CreateIndex
CREATE INDEX "RevokedSession_expiresAt_idx" ON "RevokedSession"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRound_caseId_round_key" ON "ReviewRound"("caseId", "round");

