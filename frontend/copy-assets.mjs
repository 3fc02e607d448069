// Copies the GOV.UK Frontend files the site serves as they are into ../static/govuk/.
import { copyFileSync, mkdirSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk/";
const target = "../static/govuk/";
mkdirSync(target, { recursive: true });
copyFileSync(`${source}all.bundle.js`, `${target}all.bundle.js`);
