// Who hears of a case event by mail, and what they read: the people whose turn it is next, and the
// vendor when its application moves. Called inside the event's transaction (applyEvent), so mail is
// enqueued only for events that commit; one mail per event and recipient (the dedupe key).
import { createTranslator } from "next-intl";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { loadMessages } from "@/i18n/messages";
import { LOCALES, type Locale } from "@/i18n/locale";
import type { PersistedCaseSnapshot } from "@/workflows/certification";
import { APPEAL_WINDOW_DAYS } from "@/workflows/certification";
import { enqueueMail } from "./enqueue-mail";

export type CaseEventNotice = {
  caseId: string;
  type: string;
  /** The state the case entered (`to` of the audit payload). */
  to: string;
  auditSeq: number;
  actorId: string | null;
  payload?: Record<string, unknown>;
};

type Audience = "vendor" | "lab" | "panel" | "secretariat" | "ministry" | "appealJudges";

/** [event, state entered (any when absent), audience, message key]. */
const NOTICES: [string, string | null, Audience, string][] = [
  ["SUBMIT", null, "secretariat", "submitted"],
  ["RETURN", null, "vendor", "returned"],
  ["REJECT_APPLICATION", null, "vendor", "applicationRejected"],
  ["ACCEPT", null, "lab", "assignedToLab"],
  ["ACCEPT", null, "vendor", "accepted"],
  ["SUBMIT_REPORT", null, "secretariat", "reportSubmitted"],
  ["ASSIGN_PANEL", null, "panel", "panelAssigned"],
  ["RECUSE", "review.forming", "secretariat", "panelShort"],
  ["RECUSE", "decision", "ministry", "decisionDue"],
  ["VOTE", "decision", "ministry", "decisionDue"],
  ["RECUSE", "testing", "lab", "retest"],
  ["VOTE", "testing", "lab", "retest"],
  ["RECUSE", "testing", "vendor", "retestVendor"],
  ["VOTE", "testing", "vendor", "retestVendor"],
  ["AWARD", null, "vendor", "awarded"],
  ["DENY", null, "vendor", "denied"],
  ["REMAND", null, "secretariat", "remanded"],
  ["SUSPEND", null, "vendor", "suspended"],
  ["REINSTATE", null, "vendor", "reinstated"],
  ["REVOKE", null, "vendor", "revoked"],
  ["EXPIRE", null, "vendor", "expired"],
  ["APPEAL", null, "appealJudges", "appealed"],
  ["UPHOLD_APPEAL", null, "secretariat", "appealUpheldSecretariat"],
  ["UPHOLD_APPEAL", null, "vendor", "appealUpheld"],
  ["DISMISS_APPEAL", null, "vendor", "appealDismissed"],
  ["WITHDRAW", null, "secretariat", "withdrawn"],
  ["WITHDRAW", null, "lab", "withdrawn"],
];

function reasonOf(payload: Record<string, unknown> | undefined): string | null {
  if (!payload) return null;
  if (Array.isArray(payload.reasons)) return payload.reasons.map(String).join("; ") || null;
  return typeof payload.reason === "string" && payload.reason.trim() ? payload.reason.trim() : null;
}

export async function enqueueCaseNotifications(tx: Tx, notice: CaseEventNotice) {
  const rules = NOTICES.filter(([type, to]) => type === notice.type && (to === null || to === notice.to));
  if (rules.length === 0) return 0;
  const c = await tx.case.findUniqueOrThrow({ where: { id: notice.caseId }, include: { product: true } });
  const ctx = (JSON.parse(c.snapshot) as PersistedCaseSnapshot).context;

  const audienceWhere = (audience: Audience) => {
    switch (audience) {
      case "vendor":
        return { role: "vendor", organizationId: c.organizationId };
      case "lab":
        return c.labOrgId ? { role: "lab", organizationId: c.labOrgId } : null;
      case "panel":
        return { role: "expert", id: { in: ctx.panel.filter((p) => p.active).map((p) => p.expertId) } };
      case "secretariat":
        return { role: "secretariat" };
      case "ministry":
        return { role: "ministry" };
      case "appealJudges":
        // The ministry user who denied may not decide the appeal (DESIGN §2), so is not asked to.
        return { role: "ministry", ...(ctx.deniedBy ? { id: { not: ctx.deniedBy } } : {}) };
    }
  };

  const link = `${env().ZHIJI_PUBLIC_URL}/cases/${c.id}`;
  const product = `${c.product.name} ${c.product.model}`;
  const reason = reasonOf(notice.payload);
  let sent = 0;
  for (const [, , audience, key] of rules) {
    const where = audienceWhere(audience);
    if (!where) continue;
    const users = await tx.user.findMany({ where: { ...where, disabled: false }, select: { id: true, email: true, name: true, locale: true } });
    for (const u of users) {
      if (u.id === notice.actorId) continue;
      const locale: Locale = (LOCALES as readonly string[]).includes(u.locale ?? "") ? (u.locale as Locale) : "zh-CN";
      const t = createTranslator({ locale, messages: loadMessages(locale) as never, namespace: "inbox.mail" as never }) as unknown as (
        key: string,
        values?: Record<string, string | number>,
      ) => string;
      const what = t(`what.${key}`, { days: APPEAL_WINDOW_DAYS });
      const text = [
        t("greeting", { name: u.name }),
        "",
        what,
        "",
        t("product", { product }),
        ...(reason ? [t("reason", { reason })] : []),
        t("open", { link }),
        "",
        t("footer"),
      ].join("\n");
      await enqueueMail(tx, { to: u.email, subject: t("subject", { product, what: t(`short.${key}`) }), text }, `${notice.auditSeq}:${u.id}`);
      sent++;
    }
  }
  return sent;
}
