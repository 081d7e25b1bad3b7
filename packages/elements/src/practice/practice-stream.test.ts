// A streamed reply renders incrementally: a settled paragraph is parsed and rendered once, not
// again for every later delta (which made the reply quadratic in its length).
import { expect } from '@open-wc/testing';
import '../define/practice.js';
import type { ElementsClient, TurnChunk } from '../core/client-types.js';
import { until } from '../../test/helpers.js';
import { $, $$, mount, realClient, started } from '../../test/practice-helpers.js';
import { settledBlocks } from './conversation-view.js';

describe('<inflow-practice> streaming', () => {
  it('keeps the elements of settled paragraphs while later deltas arrive, and renders the finished reply whole', async function () {
    this.timeout(30000);
    const { client } = await realClient();
    const deltas = ['First *settled* paragraph.\n\n', 'Second ', 'growing ', 'block.\n\n', 'Third.'];
    let step: () => void = () => undefined;
    async function* streamTurn(): AsyncIterable<TurnChunk> {
      for (const text of deltas) {
        yield { type: 'delta', text };
        await new Promise<void>((resolve) => (step = resolve));
      }
    }
    const controlled: ElementsClient = {
      listScenarios: () => client.listScenarios(),
      createSession: (request) => client.createSession(request),
      completeSession: (id) => client.completeSession(id),
      track: (name, fields) => client.track(name, fields),
      streamTurn,
    };
    const el = await started(await mount(controlled));
    $<HTMLTextAreaElement>(el, 'textarea')!.value = 'How are things going?';
    $<HTMLButtonElement>(el, '[part="send-button"]')!.click();

    const reply = () => $$(el, '[data-role="coach"]').at(-1)!.querySelector('.text')!;
    const first = await until(
      () => reply().querySelector('em')?.closest('p'),
      'the first paragraph, rendered as markdown',
    );
    for (const expected of ['Second', 'growing', 'block.', 'Third.']) {
      step();
      await until(() => reply().textContent!.includes(expected), expected);
      // The same element: the settled paragraph was not parsed and rendered again.
      expect(reply().querySelector('p'), `after "${expected}"`).to.equal(first);
    }
    step(); // the stream ends: the reply is done and parsed whole
    await until(() => !reply().contains(first), 'the finished reply rendered whole');
    expect([...reply().querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal([
      'First settled paragraph.',
      'Second growing block.',
      'Third.',
    ]);
  });

  it('cuts a reply at blank lines, never inside fenced code', () => {
    expect(settledBlocks('a\nb\n\n\nc')).to.deep.equal(['a\nb', 'c']);
    expect(settledBlocks('```\nx\n\ny\n```\n\nz')).to.deep.equal(['```\nx\n\ny\n```', 'z']);
    expect(settledBlocks('a\n\n')).to.deep.equal(['a', '']);
  });
});
