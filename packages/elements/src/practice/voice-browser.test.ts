// Voice practice with the browser provider (docs/voice.md), in real Chromium against the real
// service: a stand-in SpeechRecognition that emits real result events (Chromium's own needs
// Google's servers), speechSynthesis observed, axe in every voice state, and the faults.
import { expect } from '@open-wc/testing';
import '../define/practice.js';
import type { InflowPractice } from './practice.js';
import { storedEvents, until } from '../../test/helpers.js';
import { $, coachTurns, mount, realClient, started, userTurns } from '../../test/practice-helpers.js';
import '../define/launcher.js';
import { launcher, ready, trigger } from '../../test/launcher-helpers.js';

/** Speech recognition as the page sees it, driven by the test: `say` emits result events. */
class StandInRecognition extends EventTarget {
  static last: StandInRecognition | undefined;
  lang = '';
  interimResults = false;
  continuous = false;
  running = false;
  constructor() {
    super();
    StandInRecognition.last = this;
  }
  start() {
    this.running = true;
    this.dispatchEvent(new Event('start'));
  }
  stop() {
    this.end();
  }
  abort() {
    this.dispatchEvent(Object.assign(new Event('error'), { error: 'aborted' }));
    this.end();
  }
  /** One result event: earlier phrases final, the last one interim unless `final`. */
  say(phrases: string[], final = false) {
    const results = phrases.map((transcript, i) =>
      Object.assign([{ transcript, confidence: 0.9 }], { isFinal: final || i < phrases.length - 1 }),
    );
    this.dispatchEvent(Object.assign(new Event('result'), { resultIndex: 0, results }));
  }
  fail(error: string) {
    this.dispatchEvent(Object.assign(new Event('error'), { error }));
    this.end();
  }
  end() {
    if (!this.running) return;
    this.running = false;
    this.dispatchEvent(new Event('end'));
  }
}

const spoken: string[] = [];
let cancelled = 0;
const realSpeak = speechSynthesis.speak.bind(speechSynthesis);
const realCancel = speechSynthesis.cancel.bind(speechSynthesis);
let pending: SpeechSynthesisUtterance | undefined;

before(() => {
  (window as unknown as { SpeechRecognition: unknown }).SpeechRecognition = StandInRecognition;
  // Records what is spoken; the utterance "ends" when the test says so (or on cancel).
  speechSynthesis.speak = (u) => {
    spoken.push(u.text);
    pending = u;
  };
  speechSynthesis.cancel = () => {
    cancelled++;
    pending?.onend?.(new Event('end') as SpeechSynthesisEvent);
    pending = undefined;
  };
});
after(() => {
  delete (window as unknown as { SpeechRecognition?: unknown }).SpeechRecognition;
  speechSynthesis.speak = realSpeak;
  speechSynthesis.cancel = realCancel;
});

const live = (el: InflowPractice) => $(el, '[aria-live="polite"]')!.textContent!.trim();
const mic = (el: InflowPractice) => $<HTMLButtonElement>(el, '[part="mic-button"]');
const composer = (el: InflowPractice) => $<HTMLTextAreaElement>(el, 'textarea')!;

async function voicePractice(mode: string, intercept?: Parameters<typeof realClient>[0]) {
  const { client, apiBase, user } = await realClient(intercept);
  const el = await mount(client);
  el.setAttribute('voice', mode);
  await started(el);
  return { el, apiBase, user };
}

describe('<inflow-practice voice> with the browser provider', () => {
  it('push-to-talk: live transcript into the composer, nothing sent until Send; reply spoken with Stop; axe clean', async function () {
    this.timeout(30000);
    const { el, apiBase, user } = await voicePractice('push');
    await expect(el).to.be.accessible();
    const button = mic(el)!;
    expect(button.getAttribute('aria-keyshortcuts')).to.equal('Alt+M');
    expect(button.getAttribute('aria-label')).to.equal('Speak your reply');
    expect($(el, '[part="disclosure"]')!.textContent).to.match(/voice/i);

    button.click();
    await until(() => StandInRecognition.last?.running, 'recognition started');
    await until(() => live(el).startsWith('Listening'), 'listening announced');
    await until(() => mic(el)!.getAttribute('aria-pressed') === 'true', 'pressed');
    await expect(el).to.be.accessible();
    StandInRecognition.last!.say(['I want to talk', ' about the deadlines']);
    await until(() => composer(el).value === 'I want to talk about the deadlines', 'interim transcript');
    StandInRecognition.last!.say(['I want to talk', ' about the missed deadlines'], true);
    mic(el)!.click(); // ends the turn
    await until(() => live(el) === 'Microphone off.', 'idle announced');
    expect(composer(el).value).to.equal('I want to talk about the missed deadlines');
    expect(userTurns(el).length, 'push-to-talk sends nothing by itself').to.equal(0);

    // The user corrects the transcript, then sends.
    composer(el).value += ' last sprint';
    $<HTMLButtonElement>(el, '[part="send-button"]')!.click();
    await until(() => coachTurns(el).length === 2, 'the reply', 15000);
    expect(userTurns(el)[0]!.textContent).to.contain('missed deadlines last sprint');
    await until(() => spoken.length === 1, 'the reply spoken');
    expect(spoken[0]).to.equal(coachTurns(el)[1]!.replace(/[*_`#>[\]]/g, ''));
    await until(() => live(el).includes('is speaking'), 'speaking announced instead of the text');
    const stop = await until(() => $<HTMLButtonElement>(el, '[part="stop-speaking-button"]'), 'Stop');
    await expect(el).to.be.accessible();
    stop.click();
    await until(() => live(el) === 'Microphone off.', 'stopped');
    expect(cancelled).to.be.greaterThan(0);
    // Captions stay: the reply's text is in the transcript.
    expect(coachTurns(el)[1]!.length).to.be.greaterThan(5);

    // The turn's event says it was spoken, and nothing of what was said.
    const events = await until(async () => {
      const all = await storedEvents(apiBase, user);
      return all.find((e) => e.name === 'first_interaction') ? all : undefined;
    }, 'first_interaction stored');
    const first = events.find((e) => e.name === 'first_interaction')!;
    expect(first.props).to.deep.equal({ input: 'voice' });
    expect(JSON.stringify(events)).to.not.contain('deadlines');
  });

  it('a typed turn is not spoken and its event has no input', async function () {
    this.timeout(20000);
    const before = spoken.length;
    const { el, apiBase, user } = await voicePractice('push');
    composer(el).value = 'Typed, not spoken.';
    $<HTMLButtonElement>(el, '[part="send-button"]')!.click();
    await until(() => coachTurns(el).length === 2, 'the reply', 15000);
    await until(() => live(el).includes(coachTurns(el)[1]!.slice(0, 20)), 'the reply text announced');
    expect(spoken.length).to.equal(before);
    const events = await until(async () => {
      const all = await storedEvents(apiBase, user);
      return all.find((e) => e.name === 'first_interaction') ? all : undefined;
    }, 'first_interaction stored');
    expect(events.find((e) => e.name === 'first_interaction')!.props).to.equal(null);
  });

  it('hands-free: a pause ends the turn, it is sent, the reply spoken, then it listens again', async function () {
    this.timeout(30000);
    const { el } = await voicePractice('hands-free');
    expect(mic(el)!.getAttribute('aria-label')).to.equal('Talk hands-free');
    mic(el)!.click();
    await until(() => StandInRecognition.last?.running, 'listening');
    const first = StandInRecognition.last!;
    expect(first.continuous, 'the recogniser ends the turn after a pause').to.equal(false);
    first.say(['Can we talk about your workload?'], true);
    first.end(); // the recogniser heard a pause
    await until(() => userTurns(el).length === 1, 'sent after the pause');
    await until(
      () => coachTurns(el).length === 2 && spoken.at(-1) === coachTurns(el)[1]!.replace(/[*_`#>[\]]/g, ''),
      'spoken',
      15000,
    );
    pending!.onend!(new Event('end') as SpeechSynthesisEvent);
    await until(
      () => StandInRecognition.last !== first && StandInRecognition.last!.running,
      'listening again',
    );
    // Alt+M stops the loop.
    el.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'µ', code: 'KeyM', altKey: true, bubbles: true, composed: true }),
    );
    await until(() => !StandInRecognition.last!.running, 'stopped');
    await until(() => live(el) === 'Microphone off.', 'idle');
    expect(userTurns(el).length).to.equal(1);
  });

  it('permission denied: a clear message, focus back in the composer, text still works; axe clean', async function () {
    this.timeout(20000);
    const { el } = await voicePractice('push');
    mic(el)!.click();
    await until(() => StandInRecognition.last?.running, 'listening');
    StandInRecognition.last!.fail('not-allowed');
    const message = await until(() => $(el, '[part="voice-message"]'), 'message');
    expect(message.textContent).to.match(/Microphone access was denied/);
    expect(message.getAttribute('role')).to.equal('alert');
    await until(() => el.shadowRoot!.activeElement === composer(el), 'focus in the composer');
    await expect(el).to.be.accessible();
    composer(el).value = 'Typing instead.';
    $<HTMLButtonElement>(el, '[part="send-button"]')!.click();
    await until(() => coachTurns(el).length === 2, 'the reply', 15000);
  });

  it('no microphone, and a recogniser that is down: each its own message', async function () {
    this.timeout(20000);
    const { el } = await voicePractice('push');
    for (const [error, text] of [
      ['audio-capture', /No microphone was found/],
      ['network', /Speech recognition is not available right now/],
    ] as const) {
      mic(el)!.click();
      await until(() => StandInRecognition.last?.running, 'listening');
      StandInRecognition.last!.fail(error);
      await until(() => text.test($(el, '[part="voice-message"]')?.textContent ?? ''), error);
    }
  });

  it('tab hidden mid-recording: the recording stops and nothing is sent', async function () {
    this.timeout(20000);
    const { el } = await voicePractice('hands-free');
    mic(el)!.click();
    await until(() => StandInRecognition.last?.running, 'listening');
    StandInRecognition.last!.say(['Half a sentence'], false);
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      await until(() => !StandInRecognition.last!.running, 'recognition stopped');
    } finally {
      delete (document as unknown as { hidden?: boolean }).hidden;
    }
    await until(() => /page was hidden/.test($(el, '[part="voice-message"]')?.textContent ?? ''), 'message');
    expect(userTurns(el).length).to.equal(0);
  });

  it('a tenant whose policy forbids voice: the control goes, with a message', async function () {
    this.timeout(20000);
    const { el } = await voicePractice('push', (url, init, next) =>
      url.endsWith('/v1/audio')
        ? Promise.resolve(
            Response.json({
              allowed: false,
              transcription: false,
              speech: false,
              maxSeconds: 60,
              maxBytes: 1,
            }),
          )
        : next(url, init),
    );
    mic(el)!.click();
    await until(
      () => /turned off for your organisation/.test($(el, '[part="voice-message"]')?.textContent ?? ''),
      'message',
    );
    expect(mic(el)).to.equal(null);
  });

  it('an unsupported browser: no control; voice="off" and a wrong value: none either', async function () {
    this.timeout(20000);
    const w = window as unknown as Record<string, unknown>;
    const saved = { s: w.SpeechRecognition, webkit: w.webkitSpeechRecognition, recorder: w.MediaRecorder };
    const { el } = await voicePractice('push');
    expect(mic(el)).to.not.equal(null);
    delete w.SpeechRecognition;
    delete w.webkitSpeechRecognition;
    delete w.MediaRecorder;
    try {
      el.requestUpdate();
      await el.updateComplete;
      expect(mic(el)).to.equal(null);
    } finally {
      w.SpeechRecognition = saved.s;
      w.webkitSpeechRecognition = saved.webkit;
      w.MediaRecorder = saved.recorder;
    }
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args) => warnings.push(args.join(' '));
    try {
      el.setAttribute('voice', 'loud');
      await el.updateComplete;
      expect(mic(el)).to.equal(null);
      expect(String(warnings)).to.contain('voice="loud"');
    } finally {
      console.warn = warn;
    }
    el.setAttribute('voice', 'off');
    await el.updateComplete;
    expect(mic(el)).to.equal(null);
    expect($(el, '[part="disclosure"]')!.textContent).to.not.match(/voice/i);
  });

  it('<inflow-launcher voice="hands-free" voice-provider="service"> passes both to its practice', async function () {
    this.timeout(20000);
    const { el } = await launcher({});
    el.setAttribute('voice', 'hands-free');
    el.setAttribute('voice-provider', 'service');
    trigger(el).click();
    const practice = await ready(el);
    expect([practice.getAttribute('voice'), practice.voiceProvider]).to.deep.equal(['hands-free', 'service']);
    expect(mic(practice)!.getAttribute('aria-label')).to.equal('Talk hands-free');
  });
});
