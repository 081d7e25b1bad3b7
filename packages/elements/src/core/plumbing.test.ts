import { expect } from '@open-wc/testing';
import type { ElementsClient } from './client-types.js';
import { errorCode, isFatal } from './client-types.js';
import { DisabledState } from './disabled.js';
import { trackSafely } from './track.js';

/** Captures console.warn / console.error while `fn` runs. */
async function capture(method: 'warn' | 'error', fn: () => unknown): Promise<unknown[][]> {
  const calls: unknown[][] = [];
  const original = console[method];
  console[method] = (...args: unknown[]) => void calls.push(args);
  try {
    await fn();
  } finally {
    console[method] = original;
  }
  return calls;
}

const throwing = {
  track: () => {
    throw new Error('outbox broken');
  },
} as unknown as ElementsClient;

describe('trackSafely', () => {
  it('records through the client', () => {
    const seen: unknown[] = [];
    const client = { track: (...args: unknown[]) => seen.push(args) } as unknown as ElementsClient;
    trackSafely(client, 'open', { scenario: 's' });
    expect(seen).to.deep.equal([['open', { scenario: 's' }]]);
  });

  it('never throws: a throwing client only warns', async () => {
    const warnings = await capture('warn', () => trackSafely(throwing, 'open', {}));
    expect(warnings.length).to.equal(1);
    expect(String(warnings[0]![0])).to.contain('could not record an activation event');
  });

  it('a client that fails to load, or throws once loaded, only warns', async () => {
    const warnings = await capture('warn', async () => {
      trackSafely(Promise.reject(new TypeError('offline')), 'impression', {});
      trackSafely(Promise.resolve(throwing), 'impression', {});
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(warnings.length).to.equal(2);
  });
});

describe('DisabledState', () => {
  const host = () => {
    const target = new EventTarget() as EventTarget & { updates: number; requestUpdate(): void };
    target.updates = 0;
    target.requestUpdate = () => void target.updates++;
    return target;
  };

  it('reports a cause once: one console error and one fatal inflow-error', async () => {
    const h = host();
    const state = new DisabledState(h as never);
    const events: Event[] = [];
    h.addEventListener('inflow-error', (e) => events.push(e));
    const errors = await capture('error', () => {
      state.disable('missing_token', 'no token');
      state.disable('missing_token', 'no token');
    });
    expect(state.reason).to.equal('missing_token');
    expect(errors.length).to.equal(1);
    expect(events.length).to.equal(1);
    expect((events[0] as Event & { fatal: boolean }).fatal).to.equal(true);
    expect(h.updates).to.equal(1);
  });

  it('setting the reason re-renders without reporting; clearing enables again', async () => {
    const h = host();
    const state = new DisabledState(h as never);
    const errors = await capture('error', () => {
      state.reason = 'forbidden';
      state.reason = undefined;
    });
    expect(errors.length).to.equal(0);
    expect(state.reason).to.equal(undefined);
    expect(h.updates).to.equal(2);
  });
});

describe('isFatal', () => {
  it('configuration errors disable; passing failures do not', () => {
    for (const code of [
      'unauthorized',
      'token_expired',
      'forbidden',
      'not_found',
      'validation_failed',
      'bad_request',
    ])
      expect(isFatal(code), code).to.equal(true);
    for (const code of ['network', 'internal', 'rate_limited', 'unavailable'])
      expect(isFatal(code), code).to.equal(false);
    expect(errorCode(new TypeError('Failed to fetch'))).to.equal('network');
  });
});
