/**
 * The report's charts at 320, 480, 768 and 1280 px on the seeded demo cycle (charts.ts): every
 * chart text is drawn at the cards' text size (within 1 px), stays inside its chart, and no two
 * texts of one chart overlap. The same element is resized, so the re-layout on resize is checked
 * too. The by-source breakdown has its data table.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../define/activation-report.js';
import type { InflowActivationReport } from './activation-report.js';
import type { ActivationReport } from '@inflow/contract';
import { render } from 'lit';
import { reportStyles } from './activation-report.styles.js';
import { groupChart } from './charts.js';
import { weeklyChart } from './weekly.js';
import { $, apiReport, practise, ready, seed } from '../../test/report-helpers.js';

const WIDTHS = [320, 480, 768, 1280];
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Every fault of the charts in `root` as readable strings, against the text size `card`. */
function chartFaults(root: ShadowRoot, card: number, width: number): string[] {
  const faults: string[] = [];
  for (const chart of root.querySelectorAll<SVGSVGElement>('svg.chart')) {
    const part = `${chart.getAttribute('part')}${chart.dataset.segment ? ` ${chart.dataset.segment}` : ''}`;
    const box = chart.getBoundingClientRect();
    const scale = chart.getScreenCTM()!.a;
    const texts = [...chart.querySelectorAll('text')].filter((t) => t.textContent!.trim());
    const rects = texts.map((t) => t.getBoundingClientRect());
    texts.forEach((t, i) => {
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      const r = rects[i]!;
      const what = `${width} px, ${part}: "${t.textContent!.trim()}"`;
      if (Math.abs(size - card) > 1) faults.push(`${what} is ${size.toFixed(1)} px, the cards ${card} px`);
      if (r.left < box.left - 1 || r.right > box.right + 1) faults.push(`${what} sticks out of its chart`);
      for (const [j, o] of rects.entries())
        if (
          j > i &&
          Math.min(r.right, o.right) - Math.max(r.left, o.left) > 0.5 &&
          Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top) > 0.5
        )
          faults.push(`${what} overlaps "${texts[j]!.textContent!.trim()}"`);
    });
  }
  return faults;
}

async function atEachWidth(groupBy: string) {
  const { apiBase, admin } = await seed();
  const box = await fixture<HTMLDivElement>(
    html`<div>
      <inflow-activation-report
        api-base=${apiBase}
        token=${admin}
        group-by=${groupBy}
      ></inflow-activation-report>
    </div>`,
  );
  const el = box.firstElementChild as InflowActivationReport;
  await ready(el);
  const faults: string[] = [];
  let texts = 0;
  for (const width of WIDTHS) {
    box.style.width = `${width}px`;
    // The observer reports the new width on the next frame; the charts are then laid out in it.
    for (let i = 0; i < 3; i++) {
      await frame();
      await el.updateComplete;
    }
    faults.push(
      ...chartFaults(el.shadowRoot!, parseFloat(getComputedStyle($(el, '.kpi p')!).fontSize), width),
    );
    texts += el.shadowRoot!.querySelectorAll('svg.chart text').length;
  }
  return { el, faults, texts, apiBase, admin };
}

describe('<inflow-activation-report> charts at every width', () => {
  before(async function () {
    this.timeout(90_000);
    const { apiBase } = await seed();
    await practise(apiBase); // scores, so the skill growth chart is drawn too
  });

  it('draws chart text at the cards’ size, inside its chart, never overlapping (by team)', async () => {
    const { el, faults, texts } = await atEachWidth('team');
    for (const part of ['funnel', 'ttfi', 'team', 'weekly', 'growth'])
      expect($(el, `svg[part="${part}-chart"]`), part).not.to.equal(null);
    expect(texts).to.be.greaterThan(WIDTHS.length * 20);
    expect(faults).to.deep.equal([]);
  });

  it('does the same for the segments side by side', async () => {
    const { el, faults } = await atEachWidth('segment');
    expect(el.shadowRoot!.querySelectorAll('svg[part="segment-funnel"]').length).to.be.at.least(2);
    expect(faults).to.deep.equal([]);
  });

  it('does the same by source, whose chart has its data table', async () => {
    const { el, faults, apiBase, admin } = await atEachWidth('source');
    expect(faults).to.deep.equal([]);
    const api = await apiReport(apiBase, admin, 'groupBy=source');
    const rows = [...el.shadowRoot!.querySelectorAll('table[data-table="groups"] tbody tr')];
    expect(rows.map((tr) => tr.getAttribute('data-group'))).to.deep.equal(api.groups.map((g) => g.key));
    for (const [i, g] of api.groups.entries())
      expect([...rows[i]!.querySelectorAll('td')].map((td) => td.textContent)).to.deep.equal([
        String(g.audience),
        String(g.activatedUsers),
        `${(g.rate! * 100).toFixed(1)} %`,
        String(g.sessions),
      ]);
  });
});

describe('report charts with many labels', () => {
  /** `template` in a box `width` px wide with the report's styles, as the element draws it. */
  function drawn(width: number, template: (w: number) => unknown) {
    const host = document.createElement('div');
    host.style.width = `${width}px`;
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [reportStyles.styleSheet!];
    const card = parseFloat(getComputedStyle(host).fontSize);
    render(template(host.clientWidth), root);
    return { root, card, host };
  }
  const criteria = [{ metric: 'activationRate', threshold: 0.4 }];

  it('keeps 40 teams with long names legible at 320 and 1280 px: cards’ size, inside the chart, no overlap', () => {
    const teams = Array.from({ length: 40 }, (_, i) => ({
      key: `Regional Customer Operations ${i + 1}`,
      audience: 1000,
      activatedUsers: i * 25,
      meaningfulUsers: i * 25,
      rate: (i * 25) / 1000,
      sessions: i,
    }));
    const r = { goNoGo: { criteria } } as unknown as ActivationReport;
    for (const width of [320, 1280]) {
      const { root, card, host } = drawn(width, (w) => groupChart(teams, r, 'team', { w, f: 15 }));
      expect(root.querySelectorAll('svg text')).to.have.length(81);
      expect(chartFaults(root, card, width)).to.deep.equal([]);
      expect(root.querySelector('svg')!.getAttribute('aria-label')).to.contain(
        'Regional Customer Operations 40 97.5 % (975/1000)',
      );
      host.remove();
    }
  });

  it('never overlaps campaign-send labels, even with a send every week at 320 px', () => {
    const weekly = Array.from({ length: 12 }, (_, i) => ({
      week: `2026-0${1 + Math.floor(i / 4)}-${10 + (i % 4) * 7}`,
      activeUsers: 10 + i,
      newActivations: 1,
      sessions: { campaign: 3, embedded: 10 },
      meaningfulSessions: 4,
      campaignSends: 100 + i,
    }));
    const r = { weekly } as unknown as ActivationReport;
    for (const width of [320, 768]) {
      const { root, card, host } = drawn(width, (w) => weeklyChart(r, { w, f: 15 }));
      expect(root.querySelectorAll('text.tick').length).to.be.at.least(4);
      expect(chartFaults(root, card, width)).to.deep.equal([]);
      expect(root.querySelector('svg')!.getAttribute('aria-label')).to.contain('111 campaign sends');
      host.remove();
    }
  });
});
