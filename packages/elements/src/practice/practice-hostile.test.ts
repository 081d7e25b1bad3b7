import { aTimeout, expect } from '@open-wc/testing';
import type { Session } from '@inflow/contract';
import '../define/practice.js';
import type { ElementsClient } from '../core/client-types.js';
import { until } from '../../test/helpers.js';
import { $, $$, coachTurns, mount, realClient, started } from '../../test/practice-helpers.js';

describe('<inflow-practice> with hostile model output', () => {
  const HOSTILE = [
    '<script>window.__inflowPwned = 1</script>',
    '<img src=x onerror="window.__inflowPwned = 2">',
    '[click me](javascript:window.__inflowPwned=3)',
    '[spaced]( JaVaScRiPt:window.__inflowPwned=4)',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<a href="javascript:window.__inflowPwned=5">raw link</a>',
    '<svg onload="window.__inflowPwned=6"><circle r="5"/></svg>',
    '<svg><script>window.__inflowPwned=7</script></svg>',
    '<iframe src="javascript:window.__inflowPwned=8"></iframe>',
    '![alt text](x" onerror="window.__inflowPwned=9)',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__inflowPwned=10">',
    '<details open ontoggle="window.__inflowPwned=11">x</details>',
    '<style>:host{display:none}</style>',
    '[safe](https://example.com/path) and [mail](mailto:hr@example.com)',
  ].join('\n\n');

  /** The real service for the session, with the model's words replaced by the corpus. */
  async function hostileClient(): Promise<ElementsClient> {
    const { client } = await realClient();
    return {
      listScenarios: () => client.listScenarios(),
      track: (name, fields) => client.track(name, fields),
      createSession: async (req) => {
        const s = await client.createSession(req);
        return {
          ...s,
          opening: { turn: 0, text: HOSTILE },
          scenario: { ...s.scenario, title: '<img src=x onerror="window.__inflowPwned=20">Title' },
        } satisfies Session;
      },
      async *streamTurn() {
        for (const part of HOSTILE.match(/[\s\S]{1,7}/g)!) yield { type: 'delta', text: part };
        yield { type: 'done', reply: { turn: 1, text: HOSTILE }, userTurns: 1 };
      },
      completeSession: async (sessionId) => ({
        sessionId,
        scenario: 'underperformance',
        scenarioVersion: 1,
        summary: HOSTILE,
        nextStep: '<script>window.__inflowPwned=30</script>Ask one open question.',
        passed: false,
        passThreshold: 2,
        judgeVersion: 'test',
        scores: [
          {
            criterion: 'c',
            label: '<b onclick="x()">Label</b>',
            score: 1,
            max: 2,
            evidence: ['<img src=x onerror="window.__inflowPwned=31">'],
            scoredBy: 'rubric' as const,
          },
        ],
      }),
    };
  }

  function expectInert(root: ShadowRoot) {
    const all = Array.from(root.querySelectorAll('*'));
    expect(root.querySelectorAll('script, iframe, img, svg, math, style, object, embed').length).to.equal(0);
    // The element's own <details> (objectives) and <form> (composer) exist; none come from the model.
    expect(root.querySelectorAll('.text :is(details, form, button, input, textarea)').length).to.equal(0);
    const handlers = all.flatMap((e) =>
      Array.from(e.attributes)
        .filter((a) => a.name.startsWith('on'))
        .map((a) => `${e.tagName} ${a.name}`),
    );
    expect(handlers).to.deep.equal([]);
    const links = Array.from(root.querySelectorAll('a'));
    for (const a of links) {
      if (a.hasAttribute('href')) expect(a.getAttribute('href')).to.match(/^(https?:|mailto:)/);
      expect(a.rel).to.equal('noopener noreferrer');
    }
    expect(links.filter((a) => a.hasAttribute('href')).map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/path',
      'mailto:hr@example.com',
    ]);
  }

  it('renders opening, streamed reply, and feedback inert (as text or allow-listed markdown)', async function () {
    this.timeout(20000);
    const el = await mount(await hostileClient());
    await started(el);
    expect($(el, '[part="title"]')!.textContent).to.equal(
      '<img src=x onerror="window.__inflowPwned=20">Title',
    );
    // Raw HTML in markdown reads as text rather than vanishing.
    expect(coachTurns(el)[0]).to.contain('<script>window.__inflowPwned = 1</script>');
    expectInert(el.shadowRoot!);

    $<HTMLTextAreaElement>(el, 'textarea')!.value = 'hello';
    $<HTMLButtonElement>(el, '[part="send-button"]')!.click();
    await until(
      () => coachTurns(el).length === 2 && $$(el, '.turn.streaming').length === 0,
      'streamed hostile reply',
    );
    $<HTMLButtonElement>(el, '[part="end-button"]')!.click();
    await until(() => $(el, '[part="feedback"]'), 'feedback');
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('script, iframe, img, svg, math, style, .text details').length).to.equal(0);
    expect(
      Array.from(root.querySelectorAll('*')).some((e) =>
        Array.from(e.attributes).some((a) => a.name.startsWith('on')),
      ),
    ).to.equal(false);
    expect($(el, '[part="next-step"]')!.textContent).to.contain('<script>');
    await aTimeout(100);
    expect((window as { __inflowPwned?: number }).__inflowPwned).to.equal(undefined);
  });
});
