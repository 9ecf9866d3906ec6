// Runs in the browser before the app's modules load and hydrate (Next's instrumentation-client
// convention). zod builds its object schemas with an eval probe unless told to parse jitless, and
// the pages' CSP (no 'unsafe-eval', docs/security.md) reports that probe as a violation; client
// modules build schemas when they are imported (the forms' schemas), so the setting comes first.
// zod keeps its global configuration on globalThis (`__zod_globalConfig`, created on first load
// if absent, shared by every copy of zod: what `z.config` writes); setting it here imports no zod.
// Importing `zod` here put all of zod, 33 kB gzip, into the root scripts of every page, and even
// `zod/v4/core`'s `config` 5 kB (docs/performance.md, first-load JavaScript).
// instrumentation-client.test.ts checks that zod sees the setting.
const scope = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(scope.__zod_globalConfig ??= {}).jitless = true;

export {};
