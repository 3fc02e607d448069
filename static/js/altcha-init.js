// Prepares ALTCHA's "external" build, which ships no workers and no inline styles so that the
// page's strict Content Security Policy holds: registers the proof-of-work worker from our own
// origin, and the widget's words in the page's language (ALTCHA ships no Welsh).
const form = document.querySelector("form[data-altcha-worker]");
const altcha = globalThis.$altcha;
if (form && altcha) {
  const workerUrl = form.dataset.altchaWorker;
  for (const algorithm of ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"]) {
    altcha.algorithms.set(algorithm, () => new Worker(workerUrl));
  }
  const strings = JSON.parse(form.dataset.altchaStrings || "{}");
  const language = document.documentElement.lang || "en";
  altcha.i18n.set(language, Object.assign({}, altcha.i18n.get("en"), strings));
}
