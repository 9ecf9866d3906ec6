// The chrome's icons (lucide's "triangle-alert", "menu" and "search-x"), drawn inline with lucide's
// attributes: lucide-react's icons are client components, so its runtime would otherwise come with
// the error and not-found boundaries and the header, that is with every page (docs/performance.md,
// first-load JavaScript). No "use client": from a server component it is plain markup.
const PATHS = {
  "triangle-alert": ["m21.73 18-8-14a2 2 0 0 0-3.48 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.73-3", "M12 9v4", "M12 17h.01"],
  menu: ["M4 5h16", "M4 12h16", "M4 19h16"],
  // lucide's circle (11, 11, r 8) as a path.
  "search-x": ["m13.5 8.5-5 5", "m8.5 8.5 5 5", "M3 11a8 8 0 1 0 16 0a8 8 0 1 0-16 0", "m21 21-4.3-4.3"],
} as const;

export function ChromeIcon({ name, className = "" }: { name: keyof typeof PATHS; className?: string }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width="24"
      height="24"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className={`lucide lucide-${name} ${className}`}
    >
      {PATHS[name].map((d) => <path key={d} d={d} />)}
    </svg>
  );
}
