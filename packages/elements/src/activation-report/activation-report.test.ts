/**
 * <inflow-activation-report> against the real service: the seeded demo dataset goes in through
 * the public API (PUT /v1/audience, POST /v1/events with each user's own token), then every
 * figure the element shows is checked against GET /v1/activation.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../define/activation-report.js';
import type { InflowErrorEvent } from '../events/error-event.js';
import type { InflowActivationReport } from './activation-report.js';
import { testService, until } from '../../test/helpers.js';
import { $, apiReport, asNumber, dataIn, practise, ready, seed, token } from '../../test/report-helpers.js';

describe('<inflow-activation-report>', () => {
  before(async function () {
    this.timeout(60_000);
    await seed();
  });

  it('shows every figure of GET /v1/activation on the seeded cycle, with accessible SVG charts, and 0 axe violations', async () => {
    const { apiBase, admin } = await seed();
    const el = await fixture<InflowActivationReport>(
      html`<inflow-activation-report api-base=${apiBase} token=${admin}></inflow-activation-report>`,
    );
    expect(el.status).to.equal('loading');
    await el.updateComplete;
    expect($(el, '[role="status"]')!.textContent).to.contain('Loading');
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await ready(el);
    const api = await apiReport(apiBase, admin, 'groupBy=team');
    expect(api.audience.size).to.equal(300);
    // Users of other element tests are active in this tenant but not on the roster: said, not counted.
    const outside = $(el, '[data-outside]');
    if (api.audience.outside)
      expect(outside!.textContent).to.contain(`${api.audience.outside} active users not on the roster`);
    else expect(outside).to.equal(null);

    const [rate, activated, prompted] = dataIn(el, '[data-metric="activation"]');
    expect(asNumber(rate!.value)).to.equal(api.activation.rate);
    expect(rate!.text).to.equal(`${(api.activation.rate! * 100).toFixed(1)} %`);
    expect(Number(activated!.text)).to.equal(api.activation.activatedUsers);
    expect(Number(prompted!.text)).to.equal(api.activation.promptedUsers);

    const [median, p90] = dataIn(el, '[data-metric="ttfi"]');
    expect(asNumber(median!.value)).to.equal(api.timeToFirstInteraction.medianHours);
    expect(asNumber(p90!.value)).to.equal(api.timeToFirstInteraction.p90Hours);

    const [per100, help, errors, sessions] = dataIn(el, '[data-metric="support"]');
    expect(asNumber(per100!.value)).to.equal(api.supportLoad.per100Sessions);
    expect(per100!.text).to.equal(api.supportLoad.per100Sessions!.toFixed(1));
    expect([help, errors, sessions].map((d) => Number(d!.text))).to.deep.equal([
      api.supportLoad.help,
      api.supportLoad.errors,
      api.supportLoad.sessions,
    ]);

    expect(asNumber(dataIn(el, '[data-metric="uniformity"]')[0]!.value)).to.equal(api.uniformity.cv);

    // Funnel and teams, from the data table.
    const funnel = Array.from(el.shadowRoot!.querySelectorAll('tr[data-step]')).map((tr) => [
      tr.getAttribute('data-step'),
      Number(tr.querySelector('td')!.textContent),
    ]);
    expect(funnel).to.deep.equal(api.funnel.map((f) => [f.step, f.users]));
    const teams = Array.from(el.shadowRoot!.querySelectorAll('tr[data-team]')).map((tr) => {
      const cells = Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.trim());
      return [tr.getAttribute('data-team'), Number(cells[0]), Number(cells[1])];
    });
    expect(teams).to.deep.equal(api.teams.map((t) => [t.key, t.audience, t.activatedUsers]));
    expect(teams.length).to.be.greaterThan(3);

    // Go / no-go: the decision and each criterion with its measured value.
    expect($(el, '[part="decision"]')!.dataset.decision).to.equal(api.goNoGo.decision);
    for (const c of api.goNoGo.criteria) {
      const li = $(el, `li[data-metric="${c.metric}"]`)!;
      expect(li.querySelector('.badge')!.textContent).to.equal(c.pass ? 'Pass' : 'Fail');
      expect(asNumber(li.querySelector('data')!.value)).to.equal(c.value);
    }

    // Charts: SVG images whose text alternative carries the figures.
    const funnelSvg = $(el, 'svg[part="funnel-chart"]')!;
    expect(funnelSvg.getAttribute('role')).to.equal('img');
    for (const f of api.funnel) expect(funnelSvg.getAttribute('aria-label')).to.contain(`${f.users} (`);
    expect(funnelSvg.querySelectorAll('rect.bar')).to.have.length(6);
    expect($(el, 'svg[part="team-chart"]')!.querySelectorAll('rect.bar')).to.have.length(api.teams.length);
    expect($(el, 'svg[part="split-chart"]')!.getAttribute('aria-label')).to.contain(
      `${api.activation.unpromptedUsers} activated unprompted`,
    );

    // Weekly series: a chart whose text alternative and table carry every week's figures.
    const weekly = $(el, 'svg[part="weekly-chart"]')!;
    expect(weekly.getAttribute('role')).to.equal('img');
    expect(api.weekly.length).to.be.greaterThan(5);
    for (const w of api.weekly)
      expect(weekly.getAttribute('aria-label')).to.contain(
        `${w.week}: ${w.activeUsers} active users, ${w.newActivations} new activations`,
      );
    const weekRows = Array.from(el.shadowRoot!.querySelectorAll('tr[data-week]')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => Number(td.textContent)),
    );
    expect(weekRows).to.deep.equal(
      api.weekly.map((w) => [
        w.activeUsers,
        w.newActivations,
        Object.values(w.sessions).reduce((a, b) => a + b, 0),
        w.sessions.campaign,
        w.meaningfulSessions,
        w.campaignSends,
      ]),
    );

    // CSV export: the downloaded file holds the API's raw numbers.
    const link = $(el, 'a[part="export"]') as HTMLAnchorElement;
    expect(link.download).to.match(/^inflow-activation-.*\.csv$/);
    const csv = await (await fetch(link.href)).text();
    expect(csv).to.contain(`activation,,rate,${api.activation.rate}\r\n`);
    expect(csv).to.contain(`goNoGo,,decision,${api.goNoGo.decision}\r\n`);
    for (const f of api.funnel) expect(csv).to.contain(`funnel,${f.step},users,${f.users}\r\n`);
    for (const w of api.weekly)
      expect(csv).to.contain(`weekly,${w.week},sessions.campaign,${w.sessions.campaign}\r\n`);

    await expect(el).to.be.accessible();
  });

  it('never shows a team under minGroupSize: Legal (4 people) is in "Other teams", in the view, the charts and the CSV', async () => {
    const { apiBase, admin } = await seed();
    const el = await fixture<InflowActivationReport>(
      html`<inflow-activation-report api-base=${apiBase} token=${admin}></inflow-activation-report>`,
    );
    await ready(el);
    const api = await apiReport(apiBase, admin, 'groupBy=team');
    const other = api.teams.find((t) => t.key === 'Other teams')!;
    expect(other.folded).to.be.greaterThan(0);
    expect(other.audience).to.be.at.least(api.privacy.minGroupSize);
    const row = el.shadowRoot!.querySelector('tr[data-team="Other teams"]')!;
    expect(Number(row.querySelector('td')!.textContent)).to.equal(other.audience);
    expect($(el, '[data-privacy="folded"]')!.textContent).to.contain(
      `${api.privacy.foldedTeams} teams are combined into “Other teams”`,
    );
    // The small team's name and its old figure appear nowhere: text, text alternatives, CSV.
    const labels = Array.from(el.shadowRoot!.querySelectorAll('[aria-label]'))
      .map((n) => n.getAttribute('aria-label'))
      .join('\n');
    const csv = await (await fetch(($(el, 'a[part="export"]') as HTMLAnchorElement).href)).text();
    for (const text of [el.shadowRoot!.textContent!, labels, csv]) {
      expect(text).not.to.contain('Legal');
      expect(text).not.to.contain('/4)');
    }
    expect(csv).to.contain(`privacy,,minGroupSize,${api.privacy.minGroupSize}\r\n`);
    expect(csv).to.contain(`team,Other teams,folded,${other.folded}\r\n`);
  });

  it('shows skill growth from real scored sessions per scenario and team, never a group under minGroupSize', async () => {
    const { apiBase, admin } = await seed();
    await practise(apiBase);
    const el = await fixture<InflowActivationReport>(
      html`<inflow-activation-report api-base=${apiBase} token=${admin}></inflow-activation-report>`,
    );
    await ready(el);
    await until(() => $(el, 'svg[part="growth-chart"]') !== null, 'the growth section');
    const api = await apiReport(apiBase, admin, 'groupBy=team');
    const s = api.growth.scenarios.find((g) => g.key === 'underperformance')!;
    expect(s.people).to.equal(6);
    expect(s.bestScoreMedian!).to.be.at.least(s.firstScoreMedian!);
    for (const [attr, rows] of [
      ['scenario', api.growth.scenarios],
      ['team', api.growth.teams],
    ] as const) {
      const shown = Array.from(el.shadowRoot!.querySelectorAll(`tr[data-growth="${attr}"]`)).map((tr) => [
        tr.getAttribute('data-key'),
        ...Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.trim()),
      ]);
      expect(shown).to.deep.equal(
        rows.map((g) => [
          g.key,
          String(g.people),
          ...[g.firstScoreMedian, g.bestScoreMedian, g.passRate].map((v) => `${(v! * 100).toFixed(1)} %`),
        ]),
      );
      expect(rows.every((g) => g.people >= api.privacy.minGroupSize)).to.equal(true);
    }
    // Six people in teams of their own under 5 each: the team rows pool them.
    expect(api.growth.teams.map((t) => t.key)).to.include('Other teams');
    const chart = $(el, 'svg[part="growth-chart"]')!;
    expect(chart.getAttribute('role')).to.equal('img');
    expect(chart.getAttribute('aria-label')).to.contain(
      `underperformance (6 people): first ${(s.firstScoreMedian! * 100).toFixed(1)} %`,
    );
    const csv = await (await fetch(($(el, 'a[part="export"]') as HTMLAnchorElement).href)).text();
    expect(csv).to.contain(`growthScenario,underperformance,people,6\r\n`);
    expect(csv).to.contain(`growthScenario,underperformance,bestScoreMedian,${s.bestScoreMedian}\r\n`);
    await expect(el).to.be.accessible();
  });

  it('shows API stability from the turns the service timed, and judges it in the go / no-go', async () => {
    const { apiBase, admin } = await seed();
    await practise(apiBase);
    const el = await fixture<InflowActivationReport>(
      html`<inflow-activation-report api-base=${apiBase} token=${admin}></inflow-activation-report>`,
    );
    await ready(el);
    const api = await apiReport(apiBase, admin, 'groupBy=team');
    expect(api.stability.turns).to.be.at.least(12);
    const shown = Object.fromEntries(
      Array.from(el.shadowRoot!.querySelectorAll('[data-section="stability"] tr')).map((tr) => [
        tr.getAttribute('data-metric'),
        asNumber(tr.querySelector('data')!.value),
      ]),
    );
    expect(shown).to.deep.equal({
      firstDeltaP50Ms: api.stability.firstDeltaP50Ms,
      firstDeltaP95Ms: api.stability.firstDeltaP95Ms,
      turnP95Ms: api.stability.turnP95Ms,
      coachErrorsPer100Sessions: api.stability.coachErrorsPer100Sessions,
    });
    expect($(el, '[data-section="stability"] caption')!.textContent).to.contain(
      `${api.stability.turns} turns`,
    );
    const criterion = $(el, 'li[data-metric="turnP95Ms"]')!;
    expect(asNumber(criterion.querySelector('data')!.value)).to.equal(api.stability.turnP95Ms);
    expect(criterion.textContent!.replace(/\s+/g, ' ')).to.contain('goal at most 2.0 s');
    const csv = await (await fetch(($(el, 'a[part="export"]') as HTMLAnchorElement).href)).text();
    expect(csv).to.contain(`stability,,turns,${api.stability.turns}\r\n`);
    await expect(el).to.be.accessible();
  });

  it('shows return visits: the 14-day share and the cohort grid, no cohort under minGroupSize', async () => {
    const { apiBase, admin } = await seed();
    const el = await fixture<InflowActivationReport>(
      html`<inflow-activation-report api-base=${apiBase} token=${admin}></inflow-activation-report>`,
    );
    await ready(el);
    const api = await apiReport(apiBase, admin, 'groupBy=team');
    expect(api.returns.cohorts.length).to.be.greaterThan(1);
    const [rate, returned] = dataIn(el, '[data-metric="returned"]');
    expect(asNumber(rate!.value)).to.equal(api.returns.rate);
    expect(Number(returned!.text)).to.equal(api.returns.returned);
    const grid = Array.from(el.shadowRoot!.querySelectorAll('tr[data-cohort]')).map((tr) => [
      tr.getAttribute('data-cohort'),
      ...Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.trim()),
    ]);
    expect(grid).to.deep.equal(
      api.returns.cohorts.map((c) => [
        c.week,
        String(c.users),
        ...c.again.map((v) => (v === null ? 'not yet' : `${(v * 100).toFixed(1)} %`)),
      ]),
    );
    expect(api.returns.cohorts.every((c) => c.users >= api.privacy.minGroupSize)).to.equal(true);
    const csv = await (await fetch(($(el, 'a[part="export"]') as HTMLAnchorElement).href)).text();
    const c0 = api.returns.cohorts[0]!;
    expect(csv).to.contain(`cohort,${c0.week},week+1,${c0.again[0] ?? ''}\r\n`);
    expect(csv).to.contain(`returns,,eligible,${api.returns.eligible}\r\n`);
    await expect(el).to.be.accessible();
  });

  it('shows an empty state for a range without activity', async () => {
    const { apiBase, admin } = await seed();
    const el = await fixture<InflowActivationReport>(
      html`<inflow-activation-report
        api-base=${apiBase}
        token=${admin}
        from="2001-01-01"
        to="2001-01-31"
      ></inflow-activation-report>`,
    );
    await ready(el);
    expect($(el, '[part="empty"]')!.textContent).to.contain('No activity');
    expect(dataIn(el, '[data-metric="activation"]')[0]!.text).to.equal('0.0 %');
    expect(dataIn(el, '[data-metric="ttfi"]')[0]!.text).to.equal('—');
    expect($(el, '[part="decision"]')!.dataset.decision).to.equal('no-go');
    await expect(el).to.be.accessible();
  });

  it('explains a non-admin token and fires inflow-error', async () => {
    const { apiBase } = await testService();
    const practiceToken = await token(apiBase, { user: 'not-hr' });
    let code = '';
    document.addEventListener('inflow-error', (e: InflowErrorEvent) => (code = e.code), { once: true });
    const el = await fixture<InflowActivationReport>(
      html`<inflow-activation-report api-base=${apiBase} token=${practiceToken}></inflow-activation-report>`,
    );
    await until(() => el.status === 'error', 'the error state');
    await el.updateComplete;
    expect(code).to.equal('forbidden');
    expect($(el, '[role="alert"]')!.textContent).to.contain('admin token');
    await expect(el).to.be.accessible();
  });
});
