/**
 * Guarded registration: defines a tag only if it is free, so a page that loads two copies of
 * the SDK (two vendors' bundles, or a CDN copy next to a bundled one) keeps working with the
 * first copy instead of throwing `NotSupportedError` (Spectrum #1024, Web Awesome #1247).
 */
export const VERSION = '0.1.0';

// Every element declares its reactive properties one way: `static properties` with `declare`d
// fields (defaults set in the constructor), not decorators. tsconfig uses standard decorators
// (no experimentalDecorators), which tsc lowers to `__esDecorate`/`__runInitializers` helpers and
// an accessor pair per property in every element's chunk; the launcher is the page's first script
// (12 kB budget, docs/design.md §8), so the one convention is the one that costs no bytes.

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
