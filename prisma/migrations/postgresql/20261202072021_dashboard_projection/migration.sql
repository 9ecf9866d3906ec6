-- CreateTable
CREATE TABLE "StatsFact" (
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "pilotId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "caseCreatedAt" TIMESTAMP(3) NOT NULL,
    "labOrgId" TEXT,
    "key" TEXT,
    "ms" BIGINT,
    "votes" INTEGER,
    "majority" INTEGER,

    CONSTRAINT "StatsFact_pkey" PRIMARY KEY ("seq","kind")
);

-- CreateIndex
CREATE INDEX "StatsFact_pilotId_kind_idx" ON "StatsFact"("pilotId", "kind");

-- CreateIndex
CREATE INDEX "StatsFact_caseId_idx" ON "StatsFact"("caseId");

-- CreateIndex
CREATE INDEX "Certificate_validUntil_idx" ON "Certificate"("validUntil");

-- Backfill: the facts of the events already in the chain (lib/audit/stats-projection.ts, backfillSql)
WITH "b" AS (
  SELECT "seq", "caseId", "at", "type", "toState", "round",
         LAG("at") OVER w AS "prevAt", LAG("type") OVER w AS "prevType", LAG("toState") OVER w AS "prevTo"
  FROM (
    SELECT e."seq" AS "seq", e."caseId" AS "caseId", e."at" AS "at", e."type" AS "type",
           CASE WHEN e."type" IN ('VOTE', 'RECUSE', 'UPHOLD_APPEAL') THEN (e."payload"::jsonb ->> 'to') END AS "toState",
           CASE WHEN e."type" IN ('VOTE', 'RECUSE') THEN ((e."payload"::jsonb ->> 'round'))::integer END AS "round"
    FROM "AuditEvent" e
    WHERE e."caseId" IS NOT NULL AND e."type" IN ('SUBMIT', 'ACCEPT', 'SUBMIT_REPORT', 'VOTE', 'RECUSE', 'AWARD', 'DENY', 'REMAND', 'UPHOLD_APPEAL')
  ) ev
  WHERE "type" NOT IN ('VOTE', 'RECUSE') OR "toState" IN ('decision', 'testing')
  WINDOW w AS (PARTITION BY "caseId" ORDER BY "seq")
), "x" AS (
  SELECT b."seq" AS "seq", b."caseId" AS "caseId", b."type" AS "type", b."round" AS "round",
         CASE
           WHEN b."type" = 'ACCEPT' AND (b."prevType" = 'SUBMIT' OR (b."prevType" = 'UPHOLD_APPEAL' AND b."prevTo" = 'screening')) THEN 'screening'
           WHEN b."type" = 'SUBMIT_REPORT' AND (b."prevType" = 'ACCEPT' OR (b."prevType" IN ('VOTE', 'RECUSE') AND b."prevTo" = 'testing')) THEN 'testing'
           WHEN b."type" IN ('VOTE', 'RECUSE') AND b."toState" = 'decision'
                AND (b."prevType" IN ('SUBMIT_REPORT', 'REMAND') OR (b."prevType" = 'UPHOLD_APPEAL' AND b."prevTo" LIKE 'review%')) THEN 'review'
           WHEN b."type" IN ('AWARD', 'DENY') AND b."prevType" IN ('VOTE', 'RECUSE') AND b."prevTo" = 'decision' THEN 'decision'
         END AS "stage",
         ROUND(EXTRACT(EPOCH FROM (b."at" - b."prevAt")) * 1000)::bigint AS "ms"
  FROM "b"
  WHERE b."type" IN ('ACCEPT', 'SUBMIT_REPORT', 'VOTE', 'RECUSE', 'AWARD', 'DENY')
), "f" AS (
  SELECT "seq", 'stage' AS "kind", "caseId", "stage" AS "key", "ms", CAST(NULL AS INTEGER) AS "votes", CAST(NULL AS INTEGER) AS "majority"
  FROM "x" WHERE "stage" IS NOT NULL
  UNION ALL
  SELECT "seq", 'report', "caseId", NULL, NULL, NULL, NULL FROM "x" WHERE "type" = 'SUBMIT_REPORT'
  UNION ALL
  SELECT x."seq", 'panel', x."caseId", NULL, NULL,
         CAST((SELECT COUNT(*) FROM "Vote" v WHERE v."caseId" = x."caseId" AND v."round" = x."round") AS INTEGER),
         CAST((SELECT MAX(t."k") FROM (SELECT COUNT(*) AS "k" FROM "Vote" v WHERE v."caseId" = x."caseId" AND v."round" = x."round" GROUP BY v."verdict") t) AS INTEGER)
  FROM "x" WHERE x."type" IN ('VOTE', 'RECUSE')
  UNION ALL
  SELECT e."seq", 'appeal', e."caseId", e."type", NULL, NULL, NULL
  FROM "AuditEvent" e WHERE e."caseId" IS NOT NULL AND e."type" IN ('APPEAL', 'UPHOLD_APPEAL', 'DISMISS_APPEAL')
)
INSERT INTO "StatsFact" ("seq", "kind", "caseId", "pilotId", "category", "caseCreatedAt", "labOrgId", "key", "ms", "votes", "majority")
SELECT f."seq", f."kind", f."caseId", c."pilotId", s."category", c."createdAt", c."labOrgId", f."key", f."ms", f."votes", f."majority"
FROM "f" JOIN "Case" c ON c."id" = f."caseId" JOIN "SchemeVersion" s ON s."id" = c."schemeVersionId";
