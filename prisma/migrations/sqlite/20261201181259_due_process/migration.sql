-- AlterTable
ALTER TABLE "Case" ADD COLUMN "correctBy" DATETIME;

-- CreateTable
CREATE TABLE "DecisionLetter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "decisionSeq" INTEGER NOT NULL,
    "publicId" TEXT NOT NULL,
    "pdf" BLOB NOT NULL,
    "pdfSha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DecisionLetter_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConflictDeclaration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "expertId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT,
    "declaredFrom" DATETIME NOT NULL,
    "declaredUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" DATETIME,
    CONSTRAINT "ConflictDeclaration_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ConflictDeclaration_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "caseId" TEXT,
    "certificateId" TEXT,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "contact" TEXT,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "handlerId" TEXT,
    "outcome" TEXT,
    "publicSummary" TEXT,
    "filedById" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "triagedAt" DATETIME,
    "closedAt" DATETIME,
    CONSTRAINT "Complaint_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "storedName" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'lab_report',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evidence_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Evidence" ("caseId", "createdAt", "id", "mime", "originalName", "sha256", "size", "storedName", "uploadedById") SELECT "caseId", "createdAt", "id", "mime", "originalName", "sha256", "size", "storedName", "uploadedById" FROM "Evidence";
DROP TABLE "Evidence";
ALTER TABLE "new_Evidence" RENAME TO "Evidence";
CREATE UNIQUE INDEX "Evidence_storedName_key" ON "Evidence"("storedName");
CREATE INDEX "Evidence_caseId_purpose_idx" ON "Evidence"("caseId", "purpose");
CREATE TABLE "new_Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "awardSeq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
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
INSERT INTO "new_Certificate" ("awardSeq", "caseId", "createdAt", "id", "issuedAt", "level", "number", "pdf", "pdfSha256", "productSnapshot", "profile", "publicId", "status", "statusChangedAt", "statusReason", "validUntil") SELECT "awardSeq", "caseId", "createdAt", "id", "issuedAt", "level", "number", "pdf", "pdfSha256", "productSnapshot", "profile", "publicId", "status", "statusChangedAt", "statusReason", "validUntil" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_awardSeq_key" ON "Certificate"("awardSeq");
CREATE UNIQUE INDEX "Certificate_publicId_key" ON "Certificate"("publicId");
CREATE UNIQUE INDEX "Certificate_pdfSha256_key" ON "Certificate"("pdfSha256");
CREATE UNIQUE INDEX "Certificate_number_revision_key" ON "Certificate"("number", "revision");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DecisionLetter_decisionSeq_key" ON "DecisionLetter"("decisionSeq");

-- CreateIndex
CREATE UNIQUE INDEX "DecisionLetter_publicId_key" ON "DecisionLetter"("publicId");

-- CreateIndex
CREATE UNIQUE INDEX "DecisionLetter_pdfSha256_key" ON "DecisionLetter"("pdfSha256");

-- CreateIndex
CREATE INDEX "ConflictDeclaration_expertId_idx" ON "ConflictDeclaration"("expertId");

-- CreateIndex
CREATE INDEX "ConflictDeclaration_organizationId_idx" ON "ConflictDeclaration"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_reference_key" ON "Complaint"("reference");

-- CreateIndex
CREATE INDEX "Complaint_state_idx" ON "Complaint"("state");

-- CreateIndex
CREATE INDEX "Complaint_caseId_idx" ON "Complaint"("caseId");

-- CreateIndex
CREATE INDEX "Complaint_handlerId_idx" ON "Complaint"("handlerId");

