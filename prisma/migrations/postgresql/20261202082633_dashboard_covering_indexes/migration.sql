-- DropIndex
DROP INDEX "AuditEvent_caseId_idx";

-- CreateIndex
CREATE INDEX "Case_pilotId_state_stateEnteredAt_idx" ON "Case"("pilotId", "state", "stateEnteredAt");

-- CreateIndex
CREATE INDEX "Case_pilotId_state_correctBy_idx" ON "Case"("pilotId", "state", "correctBy");

-- CreateIndex
CREATE INDEX "Case_pilotId_schemeVersionId_awardedLevel_labProfile_idx" ON "Case"("pilotId", "schemeVersionId", "awardedLevel", "labProfile");

-- CreateIndex
CREATE INDEX "Case_id_pilotId_labLevel_recommendation_createdAt_schemeVer_idx" ON "Case"("id", "pilotId", "labLevel", "recommendation", "createdAt", "schemeVersionId");

-- CreateIndex
CREATE INDEX "Decision_type_caseId_level_createdAt_idx" ON "Decision"("type", "caseId", "level", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_caseId_type_at_idx" ON "AuditEvent"("caseId", "type", "at");


-- CreateIndex
CREATE INDEX "StatsFact_pilotId_kind_votes_majority_idx" ON "StatsFact"("pilotId", "kind", "votes", "majority");
