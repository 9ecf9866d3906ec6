// zod 4 probes `Function("")` to compile fast parsers; under the pages' CSP (no 'unsafe-eval', see
// docs/security.md) the browser reports that probe as a violation. Interpreted parsing is enough.
// Imported first by lib/domain.ts, before any module that builds or runs a schema.
import { z } from "zod";

z.config({ jitless: true });
