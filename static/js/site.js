// Starts GOV.UK Frontend's components (menu toggle, error summary, character count).
// Loaded with `defer` after all.bundle.js; no inline script, so the CSP stays strict.
(function () {
  "use strict";
  document.body.classList.add("js-enabled");
  if ("noModule" in HTMLScriptElement.prototype) {
    document.body.classList.add("govuk-frontend-supported");
  }
  if (window.GOVUKFrontend) {
    window.GOVUKFrontend.initAll();
  }
})();
