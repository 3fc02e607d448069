// Copies the front-end files the site serves as they are into ../static/.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

// Source-map comments are dropped: the maps are not shipped, and Django's manifest storage
// refuses to collect a file that points at a missing one.
function copy(source, target) {
  mkdirSync(target.substring(0, target.lastIndexOf("/")), { recursive: true });
  const text = readFileSync(source, "utf8").replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n");
  writeFileSync(target, text);
}

// GOV.UK Frontend's scripts: the UMD bundle, so no ES-module import needs rewriting.
copy("node_modules/govuk-frontend/dist/govuk/all.bundle.js", "../static/govuk/all.bundle.js");
// ALTCHA's "external" build: no inline styles, no blob: workers, so the strict CSP holds.
copy("node_modules/altcha/dist/external/altcha.min.js", "../static/altcha/altcha.min.js");
copy("node_modules/altcha/dist/external/altcha.css", "../static/altcha/altcha.css");
copy("node_modules/altcha/dist/workers/pbkdf2.js", "../static/altcha/workers/pbkdf2.js");
copy("node_modules/altcha/LICENSE.txt", "../static/altcha/LICENSE.txt");
