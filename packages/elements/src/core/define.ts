/**
 * Guarded registration: defines a tag only if it is free, so a page that loads two copies of
 * the SDK (two vendors' bundles, or a CDN copy next to a bundled one) keeps working with the
 * first copy instead of throwing `NotSupportedError` (Spectrum #1024, Web Awesome #1247).
 */
export const VERSION = '0.1.0';

export function defineElement(
  tag: string,
  ctor: CustomElementConstructor & { inflowVersion?: string },
): void {
  const existing = customElements.get(tag) as
    (CustomElementConstructor & { inflowVersion?: string }) | undefined;
  if (!existing) {
    ctor.inflowVersion = VERSION;
    customElements.define(tag, ctor);
    return;
  }
  if (existing !== ctor) {
    console.warn(
      `[inflow] <${tag}> is already defined by another copy of Inflow (version ${existing.inflowVersion ?? 'unknown'}); ` +
        `this copy (version ${VERSION}) is not registered. Load one copy of @inflow/elements per page.`,
    );
  }
}
