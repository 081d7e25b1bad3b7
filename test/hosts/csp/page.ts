// The strict-CSP host: a server-rendered page (what a Rails, Django or PHP screen sends), with the
// launcher and a nudge already in the markup, upgraded on the client by the `<script type="module">`
// embed (the nudge is defined from its lazy chunk on first sight).
// No inline script or style anywhere: configuration travels in a <meta> tag and in attributes.
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * The policy under test: no inline, no eval, Trusted Types enforced, only Lit's policy (`lit-html`).
 * The markdown renderer builds DOM nodes directly and needs no policy of its own.
 */
export function strictCsp(apiOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${apiOrigin}`,
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
    'report-uri /csp-report',
  ].join('; ');
}

export function renderReviewPage(o: { apiBase: string; employee: string }): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Acme HR · Performance review</title>
    <meta name="inflow-api-base" content="${escapeHtml(o.apiBase)}">
    <link rel="stylesheet" href="/static/page.css">
    <script type="module" src="/static/csp-watch.js"></script>
    <script type="module" src="/static/app.js"></script>
  </head>
  <body>
    <h1>Performance review: ${escapeHtml(o.employee)}</h1>
    <p>Two sprint deliveries slipped this quarter. Prepare the conversation before you write the review.</p>
    <inflow-launcher id="review-launcher" scenario="underperformance" label="Practise this conversation" context-role="Senior engineer"></inflow-launcher>
    <label>Overall rating <input id="rating" name="rating"></label>
    <inflow-nudge for="rating" scenario="rating-disagreement" trigger="focus"></inflow-nudge>
    <h2>Inflow events</h2>
    <ol id="inflow-events"></ol>
    <h2>CSP violations</h2>
    <ol id="csp-violations"></ol>
  </body>
</html>
`;
}
