// Where a version stands in its governance (docs/domain.md#scheme-governance): its status and days,
// the comments with their answers, and the one step the reader may take now. Signed-out readers
// see the days only; the server checks every step again.
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { can, type SessionUser } from "@/lib/permissions";
import { listComments, listSchemes, type SchemeVersionView } from "@/lib/schemes";
import { pick } from "./text";
import { AnswerForm, ApproveForm, CommentForm, CommentPeriodForm, ProposeForm, PublishForm } from "./governance-forms";

const beijingDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function GovernanceDates({ view }: { view: SchemeVersionView }) {
  const t = await getTranslations("schemes.governance");
  const format = await getFormatter();
  const day = (d: string | null) => (d ? format.dateTime(new Date(`${d}T00:00:00+08:00`), { dateStyle: "medium", timeZone: "Asia/Shanghai" }) : "—");
  const rows: [string, string, string][] = [
    ["commentsUntil", t("commentsUntil"), day(view.commentsUntil)],
    ["approvedAt", t("approvedAt"), view.approvedAt ? day(beijingDay(new Date(view.approvedAt))) : "—"],
    ["effectiveFrom", t("effectiveFrom"), day(view.effectiveFrom)],
    ["transitionUntil", t("transitionUntilShort"), day(view.transitionUntil)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-5" data-testid="governance-dates">
      {rows.map(([key, label, value]) => (
        <div key={key}>
          <dt className="text-slate-500">{label}</dt>
          <dd data-testid={`date-${key}`}>{value}</dd>
        </div>
      ))}
      <div>
        <dt className="text-slate-500">{t("inForce")}</dt>
        <dd data-testid="in-force" data-in-force={view.inForce}>{view.inForce ? t("yes") : t("no")}</dd>
      </div>
    </dl>
  );
}

export async function GovernancePanel({ user, view }: { user: SessionUser; view: SchemeVersionView }) {
  const t = await getTranslations("schemes.governance");
  const locale = await getLocale();
  const format = await getFormatter();
  const ref = { schemeId: view.schemeId, version: view.version };
  const now = new Date();
  const today = beijingDay(now);
  const manages = can(user, "scheme:manage");
  const comments = view.status === "draft" ? [] : await listComments(user, view.schemeId, view.version);
  const periodOpen = view.status === "proposed" && (!view.commentsUntil || today <= view.commentsUntil);
  const targets = view.scheme.elements.flatMap((e) => [
    { value: e.key, label: `${pick(e.title, locale)} (${e.key})` },
    ...e.items.map((i) => ({ value: i.key, label: `— ${pick(i.title, locale)} (${i.key})` })),
  ]);
  const replaces =
    view.status === "approved" && manages
      ? ((await listSchemes(user)).find((s) => s.schemeId === view.schemeId)?.versions ?? [])
          .filter((v) => v.status === "published" && !v.transitionUntil)
          .map((v) => v.version)
      : [];
  const inAMonth = beijingDay(new Date(now.getTime() + 30 * 86_400_000));

  return (
    <section aria-labelledby="governance-heading" className="space-y-4" data-testid="governance">
      <h2 id="governance-heading" className="text-lg font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-600">{t(`explained_${view.status}`)}</p>

      {view.status === "draft" && manages && <ProposeForm {...ref} suggestion={inAMonth} />}
      {view.status === "proposed" && manages && (
        <CommentPeriodForm
          {...ref}
          current={view.commentsUntil}
          suggestion={view.commentsUntil && view.commentsUntil >= today ? beijingDay(new Date(new Date(`${view.commentsUntil}T00:00:00+08:00`).getTime() + 14 * 86_400_000)) : inAMonth}
        />
      )}
      {view.status === "proposed" && can(user, "scheme:approve") && <ApproveForm {...ref} />}
      {view.status === "approved" && manages && <PublishForm {...ref} today={today} replaces={replaces} />}

      {view.status !== "draft" && (
        <section aria-labelledby="comments-heading" className="space-y-3">
          <h3 id="comments-heading" className="font-semibold">{t("commentsHeading", { count: comments.length })}</h3>
          {comments.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noComments")}</p>
          ) : (
            <ol className="space-y-3" data-testid="comments">
              {comments.map((c) => (
                <li key={c.id} className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid={`comment-${c.id}`} data-answered={!!c.answer}>
                  <p className="text-xs text-slate-500">
                    {c.author.name} · {c.author.organization} · {t(`role_${c.author.role}`)} · {format.dateTime(new Date(c.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                    {" · "}
                    <span data-testid="comment-target">{c.target ?? t("wholeScheme")}</span>
                  </p>
                  <p className="mt-1 whitespace-pre-wrap break-words" data-testid="comment-text">{c.text}</p>
                  {c.answer ? (
                    <div className="mt-2 rounded bg-slate-50 p-2" data-testid="comment-answer">
                      <p className="text-xs text-slate-500">
                        {t("answeredBy", { name: c.answer.by })} · {format.dateTime(new Date(c.answer.at), { dateStyle: "medium", timeStyle: "short" })}
                      </p>
                      <p className="mt-1 whitespace-pre-wrap break-words">{c.answer.text}</p>
                    </div>
                  ) : view.status === "proposed" && manages ? (
                    <AnswerForm {...ref} commentId={c.id} />
                  ) : (
                    <p className="mt-2 text-xs text-amber-800">{t("unanswered")}</p>
                  )}
                </li>
              ))}
            </ol>
          )}
          {periodOpen && can(user, "scheme:comment") && <CommentForm {...ref} targets={targets} />}
        </section>
      )}
    </section>
  );
}
