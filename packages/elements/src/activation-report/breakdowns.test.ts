/**
 * The report's second breakdowns against the real service on the seeded demo cycle: segments side
 * by side (docs/activation.md, Segments: one funnel chart per shown segment whose text alternative
 * carries every figure, the data table, the CSV rows), the focus segment, and sources; 0 axe
 * violations.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../define/activation-report.js';
import type { InflowActivationReport } from './activation-report.js';
import { duration, pct, STEP_LABELS } from './format.js';
import { $, apiReport, asNumber, ready, seed } from '../../test/report-helpers.js';

describe('<inflow-activation-report> breakdowns', () => {
  before(async function () {
    this.timeout(60_000);
    await seed();
  });

  it('shows each segment’s funnel and time to first interaction side by side, as charts, a table and CSV', async () => {
    const { apiBase, admin } = await seed();
    const el = await fixture<InflowActivationReport>(
      html`<inflow-activation-report
        api-base=${apiBase}
        token=${admin}
        group-by="segment"
      ></inflow-activation-report>`,
    );
    await ready(el);
    const api = await apiReport(apiBase, admin, 'groupBy=segment');
    expect(api.groups.length).to.be.at.least(2);
    const section = $(el, '[data-section="segments"]')!;
    const charts = section.querySelectorAll('svg[part="segment-funnel"]');
    expect(charts).to.have.length(api.groups.length);
    // Laid out side by side by an adopted sheet: a <style> element would be refused by a strict CSP.
    expect(el.shadowRoot!.querySelector('style')).to.equal(null);
    expect(getComputedStyle(section.querySelector('.side')!).display).to.equal('grid');
    const table = section.querySelector('table[data-table="segments"]')!;
    const header = [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
    expect(header).to.deep.equal(['Figure', ...api.groups.map((g) => g.label)]);
    const row = (label: string) =>
      [...table.querySelectorAll('tbody tr')]
        .find((tr) => tr.querySelector('th')!.textContent!.trim() === label)!
        .querySelectorAll('td');
    api.groups.forEach((g, i) => {
      const alt = charts[i]!.getAttribute('aria-label')!;
      expect(charts[i]!.getAttribute('data-segment')).to.equal(g.key);
      expect(alt).to.contain(`${g.label}, ${g.audience} people, activation ${pct(g.rate)}`);
      for (const f of g.funnel!) {
        expect(alt).to.contain(`${STEP_LABELS[f.step]} ${f.users} (${pct(f.users / g.audience)})`);
        expect(row(STEP_LABELS[f.step]!)[i]!.textContent).to.equal(String(f.users));
      }
      const t = g.timeToFirstInteraction!;
      expect(alt).to.contain(
        `median ${duration(t.medianHours)}, p90 ${duration(t.p90Hours)}, ${t.users} people`,
      );
      expect(row('People')[i]!.textContent).to.equal(String(g.audience));
      expect(row('Median time to first interaction')[i]!.textContent).to.equal(duration(t.medianHours));
    });
    // The demo's segments differ: the point-of-pain managers reach fewer steps than enthusiasts.
    const [pain, keen] = [api.groups[0]!, api.groups[1]!];
    expect(pain.rate).to.be.below(keen.rate!);
    // Withheld segments are said, with the rule.
    const note = section.querySelector('[data-privacy="segments"]');
    if (api.privacy.withheldSegments)
      expect(note!.textContent).to.contain(`${api.privacy.withheldSegments} segments are withheld`);
    else expect(note).to.equal(null);

    const csv = await (await fetch(($(el, 'a[part="export"]') as HTMLAnchorElement).href)).text();
    for (const g of api.groups) {
      for (const f of g.funnel!) expect(csv).to.contain(`segmentFunnel,${g.key},${f.step},${f.users}\r\n`);
      expect(csv).to.contain(`segmentTtfi,${g.key},users,${g.timeToFirstInteraction!.users}\r\n`);
      expect(csv).to.contain(`segment,${g.key},rate,${g.rate}\r\n`);
    }
    expect(csv).not.to.contain('[object Object]');
    await expect(el).to.be.accessible();
  });

  it('decides on the focus segment, says so in the headline, and shows the whole audience beside each criterion', async () => {
    const { apiBase, admin } = await seed();
    const el = await fixture<InflowActivationReport>(
      html`<inflow-activation-report
        api-base=${apiBase}
        token=${admin}
        group-by="segment"
      ></inflow-activation-report>`,
    );
    await ready(el);
    const api = await apiReport(apiBase, admin, 'groupBy=segment');
    const f = api.goNoGo.focus!;
    expect(f.withheld).to.equal(false);
    expect($(el, '[data-focus]')!.textContent!.trim()).to.equal(
      `Decided on Point-of-pain managers (n = ${f.audience}).`,
    );
    expect($(el, '[part="decision"]')!.dataset.decision).to.equal(api.goNoGo.decision);
    for (const c of f.wholeAudience.criteria) {
      const whole = $(el, `li[data-metric="${c.metric}"] data[data-whole]`) as HTMLDataElement;
      expect(asNumber(whole.value)).to.equal(c.value);
    }
    expect(asNumber(($(el, '[data-gap] data') as HTMLDataElement).value)).to.equal(f.enthusiastGap);
    expect($(el, '[data-gap]')!.textContent).to.contain('the rest');
    // The segment breakdown, with the tenant's labels, each row at least minGroupSize people.
    const chart = $(el, 'svg[part="segment-chart"]')!;
    expect(chart.querySelectorAll('rect.bar')).to.have.length(api.groups.length);
    for (const g of api.groups) {
      expect(g.audience).to.be.at.least(api.privacy.minGroupSize);
      expect(chart.getAttribute('aria-label')).to.contain(`${g.label} ${(g.rate! * 100).toFixed(1)} %`);
    }
    await expect(el).to.be.accessible();
  });

  it('breaks down by source when group-by="source", campaign sessions never counted as activated', async () => {
    const { apiBase, admin } = await seed();
    const el = await fixture<InflowActivationReport>(
      html`<inflow-activation-report
        api-base=${apiBase}
        token=${admin}
        group-by="source"
      ></inflow-activation-report>`,
    );
    await ready(el);
    const api = await apiReport(apiBase, admin, 'groupBy=source');
    const chart = $(el, 'svg[part="source-chart"]')!;
    expect(chart.querySelectorAll('rect.bar')).to.have.length(api.groups.length);
    const campaign = api.groups.find((g) => g.key === 'campaign')!;
    expect(campaign.activatedUsers).to.equal(0);
    expect(campaign.meaningfulUsers).to.be.greaterThan(0);
    expect(chart.getAttribute('aria-label')).to.contain(`campaign 0.0 % (0/${api.audience.size})`);
    await expect(el).to.be.accessible();
  });
});
