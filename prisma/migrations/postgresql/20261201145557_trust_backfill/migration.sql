-- Backfill for the trust migration (hand-written): the frozen product snapshot of existing cases
-- and certificates, and the review rounds of existing panels with when they closed or ended.
UPDATE "Case" SET "productSnapshot" = (
  SELECT json_build_object('name', p."name", 'model', p."model", 'softwareVersion', p."softwareVersion",
                           'category', p."category", 'modelInfo', p."modelInfo"::json)::text
  FROM "Product" p WHERE p."id" = "Case"."productId");

UPDATE "Certificate" SET "productSnapshot" = (
  SELECT c."productSnapshot" FROM "Case" c WHERE c."id" = "Certificate"."caseId");

INSERT INTO "ReviewRound" ("id", "caseId", "round", "openedAt", "closedAt", "endedAt")
SELECT 'rr_' || pm."caseId" || '_' || pm."round", pm."caseId", pm."round", MIN(pm."assignedAt"),
  -- Closed: the vote, or the recusal, after which every active panelist had voted (the case left
  -- review.voting for decision or, on a retest recommendation, testing).
  (SELECT MIN(a."at") FROM "AuditEvent" a WHERE a."caseId" = pm."caseId" AND a."type" IN ('VOTE', 'RECUSE')
     AND (a."payload"::json->>'round')::int = pm."round" AND a."payload"::json->>'from' = 'review.voting'
     AND a."payload"::json->>'to' IN ('decision', 'testing')),
  -- Ended without closing: a recusal that left too few panelists, or a withdrawal while voting.
  (SELECT MIN(a."at") FROM "AuditEvent" a WHERE a."caseId" = pm."caseId" AND a."type" IN ('RECUSE', 'WITHDRAW')
     AND (a."payload"::json->>'round')::int = pm."round" AND a."payload"::json->>'from' = 'review.voting'
     AND a."payload"::json->>'to' IN ('review.forming', 'withdrawn'))
FROM "PanelMember" pm
GROUP BY pm."caseId", pm."round";
