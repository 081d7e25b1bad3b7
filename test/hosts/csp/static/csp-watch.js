// Loaded before the embed (module scripts run in document order): lists every CSP violation the
// page sees, so the test can read them from the DOM as well as from the report-uri endpoint.
document.addEventListener('securitypolicyviolation', (event) => {
  const item = document.createElement('li');
  item.textContent = `${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`;
  document.getElementById('csp-violations')?.append(item);
});
