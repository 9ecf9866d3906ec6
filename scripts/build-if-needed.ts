// Builds the portal when its sources changed (the same check `npm run demo` makes), so that the
// test run can build while the unit tests run and Playwright's server finds the build ready.
import { buildIfNeeded } from "./demo";

buildIfNeeded();
