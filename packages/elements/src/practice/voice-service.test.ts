// Voice practice with the service provider, in real Chromium: the fake microphone (a WAV made by
// web-test-runner.config.mjs) records through MediaRecorder, the real service transcribes through
// a loopback server speaking the OpenAI audio API (test/service-for-tests.ts), and speaks replies.
import { aTimeout, expect } from '@open-wc/testing';
import '../define/practice.js';
import type { InflowPractice } from './practice.js';
import { storedEvents, testService, until } from '../../test/helpers.js';
import { $, coachTurns, mount, realClient, started, userTurns } from '../../test/practice-helpers.js';

const TRANSCRIPT = 'I want to talk about the missed deadlines.';
const live = (el: InflowPractice) => $(el, '[aria-live="polite"]')!.textContent!.trim();
const mic = (el: InflowPractice) => $<HTMLButtonElement>(el, '[part="mic-button"]')!;
const composer = (el: InflowPractice) => $<HTMLTextAreaElement>(el, 'textarea')!;
const message = (el: InflowPractice) => $(el, '[part="voice-message"]')?.textContent ?? '';

async function speechServer(mode = 'ok'): Promise<{ uploads: number }> {
  const { apiBase } = await testService();
  return (await fetch(`${apiBase}/__test/voice?mode=${mode}`, { method: 'POST' })).json();
}

async function voicePractice(mode: string, intercept?: Parameters<typeof realClient>[0]) {
  const { client, apiBase, user } = await realClient(intercept);
  const el = await mount(client);
  el.setAttribute('voice', mode);
  el.setAttribute('voice-provider', 'service');
  await started(el);
  return { el, apiBase, user };
}

describe('<inflow-practice voice> with the service provider', () => {
  afterEach(() => speechServer('ok'));

  it('push-to-talk: records the microphone, the service transcribes it into the composer; the reply is spoken', async function () {
    this.timeout(40000);
    const before = (await speechServer()).uploads;
    const speech: string[] = [];
    const { el, apiBase, user } = await voicePractice('push', async (url, init, next) => {
      if (url.endsWith('/v1/audio/speech')) speech.push(JSON.parse(String(init!.body)).text);
      return next(url, init);
    });
    mic(el).click();
    await until(() => live(el).startsWith('Listening'), 'listening');
    await until(() => $(el, '[part="voice-level"]'), 'level meter');
    await expect(el).to.be.accessible();
    await aTimeout(1500); // a second and a half of the fake microphone
    mic(el).click();
    await until(() => composer(el).value === TRANSCRIPT, 'the transcript in the composer', 15000);
    expect((await speechServer()).uploads).to.equal(before + 1);
    expect(userTurns(el).length, 'nothing sent before Send').to.equal(0);
    $<HTMLButtonElement>(el, '[part="send-button"]')!.click();
    await until(() => coachTurns(el).length === 2, 'the reply', 15000);
    await until(() => speech.length === 1, 'the reply sent to /v1/audio/speech');
    expect(speech[0]).to.equal(coachTurns(el)[1]!.replace(/[*_`#>[\]]/g, ''));
    const first = await until(
      async () => (await storedEvents(apiBase, user)).find((e) => e.name === 'first_interaction'),
      'event',
    );
    expect(first.props).to.deep.equal({ input: 'voice' });
  });

  it('hands-free: the pause after speech ends the turn, which is sent', async function () {
    this.timeout(40000);
    const { el } = await voicePractice('hands-free');
    mic(el).click();
    await until(() => userTurns(el).length === 1, 'sent after the pause', 20000);
    expect(userTurns(el)[0]!.textContent).to.contain(TRANSCRIPT);
    mic(el).click(); // ends the loop
  });

  it('a whole practice by voice: three hands-free turns, each reply spoken, then feedback', async function () {
    this.timeout(90000);
    const { el } = await voicePractice('hands-free');
    mic(el).click();
    // Each turn: speech, the pause, the transcript sent, the reply spoken, listening again.
    await until(
      () => userTurns(el).length === 3 && coachTurns(el).length === 4,
      'three voice turns answered',
      60000,
    );
    await until(() => live(el).startsWith('Listening'), 'listening for a fourth');
    mic(el).click();
    await until(() => live(el) === 'Microphone off.', 'stopped');
    $<HTMLButtonElement>(el, '[part="end-button"]')!.click();
    await until(() => $(el, '[part="feedback"]'), 'feedback', 15000);
    await expect(el).to.be.accessible();
  });

  it('a provider answering 5xx: a clear message, the text composer works', async function () {
    this.timeout(30000);
    await speechServer('error');
    const { el } = await voicePractice('push');
    mic(el).click();
    await until(() => live(el).startsWith('Listening'), 'listening');
    await aTimeout(500);
    mic(el).click();
    await until(() => /not available right now/.test(message(el)), 'message', 15000);
    await until(() => el.shadowRoot!.activeElement === composer(el), 'focus in the composer');
    await expect(el).to.be.accessible();
    expect(mic(el)).to.not.equal(null);
  });

  it('a recording over the limit: the service answers 413, and the message says so', async function () {
    this.timeout(30000);
    const { el } = await voicePractice('push', (url, init, next) => {
      if (!url.endsWith('/v1/audio/transcriptions')) return next(url, init);
      const body = JSON.parse(String(init!.body));
      return next(url, { ...init, body: JSON.stringify({ ...body, audio: 'A'.repeat(1_500_000) }) });
    });
    mic(el).click();
    await until(() => live(el).startsWith('Listening'), 'listening');
    await aTimeout(500);
    mic(el).click();
    await until(() => /too long/.test(message(el)), 'message', 15000);
    expect(userTurns(el).length).to.equal(0);
  });

  for (const [name, error, text] of [
    ['permission denied', 'NotAllowedError', /access was denied/],
    ['no microphone', 'NotFoundError', /No microphone was found/],
  ] as const) {
    it(`${name}: its own message`, async function () {
      this.timeout(20000);
      const real = navigator.mediaDevices.getUserMedia;
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('no', error));
      try {
        const { el } = await voicePractice('push');
        mic(el).click();
        await until(() => text.test(message(el)), 'message');
      } finally {
        navigator.mediaDevices.getUserMedia = real;
      }
    });
  }
});
