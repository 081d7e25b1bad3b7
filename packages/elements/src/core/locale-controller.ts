// Deep import: the package entry would also pull in the runtime (configureLocalization), which
// only non-English pages need (localization.ts loads it lazily).
import { updateWhenLocaleChanges } from '@lit/localize/internal/localized-controller.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { localeFor, useLocale } from './localization.js';

type LocaleHost = ReactiveControllerHost & HTMLElement & { locale?: string | undefined };

/**
 * The UI locale of one element (like Web Awesome's LocalizeController): re-renders the host when
 * the page's Inflow locale changes, and makes the host's locale the page's when it connects and
 * whenever its `locale` property changes (localization.ts explains the one-locale-per-page model).
 */
export class LocaleController implements ReactiveController {
  #requested: string | undefined;

  constructor(private readonly host: LocaleHost) {
    host.addController(this);
    updateWhenLocaleChanges(host);
  }

  /** The locale the host uses: its `locale`, else `configure({ locale })`, else the nearest `lang`. */
  get value(): string {
    return localeFor(this.host, this.host.locale);
  }

  hostConnected(): void {
    void useLocale(this.value);
  }

  hostUpdate(): void {
    if (this.host.locale === this.#requested) return;
    this.#requested = this.host.locale;
    void useLocale(this.value);
  }
}
