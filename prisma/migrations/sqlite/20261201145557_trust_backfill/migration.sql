-- Backfill for the trust migration (hand-written): the frozen product snapshot of existing cases
-- and certificates, and the review rounds of existing panels with when they closed or ended.
UPDATE "Case" SET "productSnapshot" = (
  SELECT json_object('name', p."name", 'model', p."model", 'softwareVersion', p."softwareVersion",
                     'category', p."category", 'modelInfo', json(p."modelInfo"))
  FROM "Product" p WHERE p."id" = "Case"."productId");

UPDATE "Certificate" SET "productSnapshot" = (
  SELECT c."productSnapshot" FROM "Case" c WHERE c."id" = "Certificate"."caseId");

INSERT INTO "ReviewRound" ("id", "caseId", "round", "openedAt", "closedAt", "endedAt")
SELECT 'rr_' || pm."caseId" || '_' || pm."round", pm."caseId", pm."round", MIN(pm."assignedAt"),
  (SELECT MIN(a."at") FROM "AuditEvent" a WHERE a."caseId" = pm."caseId" AND a."type" = 'VOTE'
     AND json_extract(a."payload", '$.round') = pm."round" AND json_extract(a."payload", '$.to') <> 'review.voting'),
  (SELECT MIN(a."at") FROM "AuditEvent" a WHERE a."caseId" = pm."caseId" AND a."type" = 'RECUSE'
     AND json_extract(a."payload", '$.round') = pm."round" AND json_extract(a."payload", '$.to') <> 'review.voting')
FROM "PanelMember" pm
GROUP BY pm."caseId", pm."round";
