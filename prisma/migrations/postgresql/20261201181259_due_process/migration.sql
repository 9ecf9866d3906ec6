-- DropIndex
DROP INDEX "Certificate_number_key";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "correctBy" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'lab_report';

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "supersededAt" TIMESTAMP(3),
ADD COLUMN     "supersededById" TEXT;

-- CreateTable
CREATE TABLE "DecisionLetter" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "decisionSeq" INTEGER NOT NULL,
    "publicId" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,
    "pdfSha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionLetter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConflictDeclaration" (
    "id" TEXT NOT NULL,
    "expertId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT,
    "declaredFrom" TIMESTAMP(3) NOT NULL,
    "declaredUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "ConflictDeclaration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
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
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "triagedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Evidence_caseId_purpose_idx" ON "Evidence"("caseId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_number_revision_key" ON "Certificate"("number", "revision");

-- AddForeignKey
ALTER TABLE "DecisionLetter" ADD CONSTRAINT "DecisionLetter_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictDeclaration" ADD CONSTRAINT "ConflictDeclaration_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictDeclaration" ADD CONSTRAINT "ConflictDeclaration_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

