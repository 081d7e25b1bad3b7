/** The focus segment's headline and enthusiast gap (a lazily loaded section, insights.ts). */
import type { ActivationReport } from '@inflow/contract';
import { html, nothing } from 'lit';

/** How the focus segment's activation compares with the rest's, in words (docs/activation.md). */
const gapReading = (gap: number) =>
  gap < 0.5
    ? 'far behind the rest: the tool is being used by those who need it least'
    : gap < 0.9
      ? 'behind the rest'
      : gap <= 1.1
        ? 'level with the rest'
        : 'ahead of the rest: it reaches those who need it';

/** Says which segment the decision is on (issue 22), and its enthusiast gap. */
export function focusView(r: ActivationReport) {
  const f = r.goNoGo.focus;
  if (!f) return nothing;
  const name = f.label ?? `"${f.segment}"`;
  return html`<p data-focus>
      ${
        f.label === null
          ? `Focus segment ${name} is not defined: no-go until the tenant defines it.`
          : f.withheld
            ? `Decided on ${name}: its figures are withheld (it, or the rest of the audience, has fewer than ${r.privacy.minGroupSize} people), so every criterion fails.`
            : `Decided on ${name} (n = ${f.audience}).`
      }
    </p>
    ${
      f.enthusiastGap === null
        ? nothing
        : html`<p data-gap>
            Their activation rate is <data value=${f.enthusiastGap}>${f.enthusiastGap.toFixed(2)}</data>× the
            rest's: ${gapReading(f.enthusiastGap)}.
          </p>`
    }`;
}
