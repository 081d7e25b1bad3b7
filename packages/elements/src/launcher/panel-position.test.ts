import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../define/launcher.js';
import { until } from '../../test/helpers.js';
import { launcher, panel, ready, trigger } from '../../test/launcher-helpers.js';
import { placePanel } from './panel-position.js';

const view = { width: 1000, height: 700 };
const size = { width: 400, height: 300 };
const button = (x: number, y: number) => ({ x, y, width: 100, height: 40 });

describe('panel position', () => {
  it('keeps the preferred side when it fits, aligned to the button', () => {
    expect(placePanel(button(100, 100), size, view, 'bottom-start')).to.deep.equal({
      x: 100,
      y: 148,
      placement: 'bottom-start',
      maxHeight: 700 - 140 - 16,
    });
    expect(placePanel(button(500, 400), size, view, 'top-end')).to.include({
      x: 200,
      y: 92,
      placement: 'top-end',
    });
    // Centred on the button's middle, then shifted down to the 8px margin.
    expect(placePanel(button(400, 100), size, view, 'right')).to.include({
      x: 508,
      y: 8,
      placement: 'right',
    });
  });

  it('flips to the opposite side at a viewport edge, and shifts along it to stay inside', () => {
    // Bottom edge: no room below, so above; right edge: shifted left to the 8px margin.
    expect(placePanel(button(950, 650), size, view, 'bottom-start')).to.deep.equal({
      x: 1000 - 8 - 400,
      y: 650 - 8 - 300,
      placement: 'top-start',
      maxHeight: 650 - 16,
    });
    // Top edge: below instead; left edge: shifted right to the 8px margin.
    expect(placePanel(button(-50, 10), size, view, 'top-end')).to.include({
      x: 8,
      y: 58,
      placement: 'bottom-end',
    });
    // Sides flip too: no room to the right of a button at the right edge.
    expect(placePanel(button(880, 300), size, view, 'right-start')).to.include({
      x: 472,
      placement: 'left-start',
    });
    // Neither side fits: the side with more room.
    const tall = { width: 400, height: 500 };
    expect(placePanel(button(100, 250), tall, view, 'top').placement).to.equal('bottom');
    expect(placePanel(button(100, 350), tall, view, 'bottom').placement).to.equal('top');
  });

  it('places the real panel inside the viewport from a launcher in the bottom-right corner', async function () {
    this.timeout(20000);
    await setViewport({ width: 1000, height: 700 });
    const { el } = await launcher();
    el.style.cssText = 'position: fixed; right: 0; bottom: 0;';
    trigger(el).click();
    await ready(el);
    const p = panel(el);
    await until(() => p.dataset.placement === 'top-start', 'flipped above');
    const b = trigger(el).getBoundingClientRect();
    await until(
      () => Math.abs(p.getBoundingClientRect().bottom - (b.top - 8)) <= 1,
      '8px above the launcher',
    );
    const box = p.getBoundingClientRect();
    expect(Math.round(box.right), 'shifted left, 8px from the edge').to.equal(1000 - 8);
    expect(box.top).to.be.at.least(8);
  });
});
