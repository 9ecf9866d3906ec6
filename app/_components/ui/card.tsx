// A titled panel of the page.
import type { ReactNode } from "react";

export function Card({
  title,
  actions,
  children,
  className = "",
  id,
  testId,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
  testId?: string;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section
      id={id}
      data-testid={testId}
      aria-labelledby={title && headingId ? headingId : undefined}
      className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${className}`.trim()}
    >
      {(title || actions) && (
        <div className="mb-3 flex items-center gap-3">
          {title && (
            <h2 id={headingId} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
          )}
          {actions && <div className="ml-auto flex items-center gap-2">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}
