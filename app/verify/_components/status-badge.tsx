// The certificate status as a coloured badge; the label comes translated from the caller.
import type { CertificateStatus } from "@/lib/certificates/public";

const STYLES: Record<CertificateStatus, string> = {
  valid: "bg-green-100 text-green-800 ring-green-600/30",
  suspended: "bg-amber-100 text-amber-900 ring-amber-600/30",
  revoked: "bg-red-100 text-red-800 ring-red-600/30",
  expired: "bg-slate-200 text-slate-700 ring-slate-500/30",
  superseded: "bg-slate-100 text-slate-600 ring-slate-400/30",
};

export function StatusBadge({ status, label }: { status: CertificateStatus; label: string }) {
  return (
    <span data-testid="status-badge" data-status={status}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}>
      {label}
    </span>
  );
}
