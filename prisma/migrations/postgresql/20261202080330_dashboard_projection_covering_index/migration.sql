-- DropIndex
DROP INDEX "StatsFact_pilotId_kind_idx";

-- CreateIndex
CREATE INDEX "StatsFact_pilotId_kind_key_labOrgId_ms_idx" ON "StatsFact"("pilotId", "kind", "key", "labOrgId", "ms");

