-- DropIndex
DROP INDEX "Case_pilotId_schemeVersionId_awardedLevel_labProfile_idx";

-- DropIndex
DROP INDEX "StatsFact_pilotId_kind_key_labOrgId_ms_idx";

-- DropIndex
DROP INDEX "StatsFact_pilotId_kind_votes_majority_idx";

-- DropIndex
DROP INDEX "StatsFact_pilotId_kind_category_caseCreatedAt_key_labOrgId_ms_idx";

-- CreateIndex
CREATE INDEX "Case_pilotId_schemeVersionId_awardedLevel_labProfile_state_labOrgId_id_idx" ON "Case"("pilotId", "schemeVersionId", "awardedLevel", "labProfile", "state", "labOrgId", "id");

-- CreateIndex
CREATE INDEX "StatsFact_pilotId_kind_key_labOrgId_ms_seq_idx" ON "StatsFact"("pilotId", "kind", "key", "labOrgId", "ms", "seq");

-- CreateIndex
CREATE INDEX "StatsFact_pilotId_kind_votes_majority_seq_idx" ON "StatsFact"("pilotId", "kind", "votes", "majority", "seq");

-- CreateIndex
CREATE INDEX "StatsFact_pilotId_kind_category_caseCreatedAt_key_labOrgId_ms_seq_idx" ON "StatsFact"("pilotId", "kind", "category", "caseCreatedAt", "key", "labOrgId", "ms", "seq");

