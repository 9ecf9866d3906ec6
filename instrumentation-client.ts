// Runs in the browser before the app's modules load and hydrate (Next's instrumentation-client
// convention). zod builds its object schemas with an eval probe unless told to parse jitless, and
// the pages' CSP (no 'unsafe-eval', docs/security.md) reports that probe as a violation; client
// modules build schemas when they are imported (the forms' schemas), so the setting comes first.
import "@/lib/zod-jitless";
