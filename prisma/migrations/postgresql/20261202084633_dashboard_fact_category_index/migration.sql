-- CreateIndex
CREATE INDEX "StatsFact_pilotId_kind_category_caseCreatedAt_key_labOrgId__idx" ON "StatsFact"("pilotId", "kind", "category", "caseCreatedAt", "key", "labOrgId", "ms");

