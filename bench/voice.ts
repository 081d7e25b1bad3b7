// Voice practice's latency (issue 20), in Chromium from the built embed, against the local service
// proxying a loopback server that speaks the OpenAI audio API (its answers take ~1 ms, so on
// loopback "plus the provider's time" is about nothing; the audio round trips are reported too):
// 1. end of speech → transcript in the composer: from the click that stops push-to-talk to the
//    first animation frame in which the composer holds the transcript (≤ 300 ms);
// 2. reply text complete → speech starts: from the end of the turn's stream to the reply's audio
//    being played (`HTMLMediaElement.play`; ≤ 200 ms).
// Chromium's fake microphone plays scripts/fake-speech-wav.mjs; each run opens a fresh page.
import { chromium } from 'playwright-core';
import { openAiAudioServer } from '../packages/service/src/test/openai-audio.js';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { fakeMicrophoneArgs } from '../scripts/fake-speech-wav.mjs';
import {
  configureScript,
  embedFiles,
  freshPage,
  log,
  median,
  QUICK,
  quantile,
  result,
  round,
  startBenchService,
  startPageServer,
} from './lib.js';

const RUNS = QUICK ? 2 : 10;
const TRANSCRIPT = 'I want to talk about the missed deadlines.';

const speech = await openAiAudioServer();
speech.transcript = TRANSCRIPT;
const service = await startBenchService({
  env: { INFLOW_STT_BASE_URL: speech.url, INFLOW_TTS_BASE_URL: speech.url },
});
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>
<inflow-launcher scenario="underperformance" voice="push" voice-provider="service"></inflow-launcher>
${configureScript(service.url)}</body></html>`;
const site = await startPageServer({ pages: { '/': page }, embed: embedFiles() });

// In the page before any script: when each audio request, the turn's stream and playback end/start.
const PROBES = `
window.__voice = { audio: [], replyDone: undefined, played: undefined };
const fetch0 = window.fetch;
window.fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  const t0 = performance.now();
  const res = await fetch0(input, init);
  if (url.includes('/v1/audio/')) window.__voice.audio.push({ url, ms: performance.now() - t0 });
  if (!url.includes('/turns') || !res.body) return res;
  const ended = new TransformStream({ flush: () => { window.__voice.replyDone = performance.now(); } });
  return new Response(res.body.pipeThrough(ended), res);
};
const play0 = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function () {
  window.__voice.played ??= performance.now();
  return play0.call(this);
};`;

const browser = await chromium.launch({
  ...chromiumLaunchOptions(),
  args: [...chromiumLaunchOptions().args, ...fakeMicrophoneArgs()],
});
const transcriptMs: number[] = [];
const speechStartMs: number[] = [];
const sttRoundTrip: number[] = [];
const ttsRoundTrip: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const fresh = await freshPage(browser);
    const tab = fresh.page;
    await tab.addInitScript(PROBES);
    await tab.goto(site.url);
    await tab.locator('inflow-launcher').getByRole('button').click();
    const mic = tab.locator('[part="mic-button"]');
    await mic.waitFor();
    await mic.click();
    await tab.waitForTimeout(1500); // a second and a half of the fake microphone
    transcriptMs.push(
      await tab.evaluate(
        (expected) =>
          new Promise<number>((resolve, reject) => {
            const practice = document
              .querySelector('inflow-launcher')!
              .shadowRoot!.querySelector('inflow-practice')!.shadowRoot!;
            const stop = practice.querySelector<HTMLButtonElement>('[part="mic-button"]')!;
            const composer = practice.querySelector('textarea')!;
            const t0 = performance.now();
            stop.click();
            const deadline = t0 + 15_000;
            const frame = () => {
              if (composer.value === expected) resolve(performance.now() - t0);
              else if (performance.now() > deadline) reject(new Error('no transcript in the composer'));
              else requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
          }),
        TRANSCRIPT,
      ),
    );
    await tab.locator('[part="send-button"]').click();
    const { replyDone, played, audio } = await tab
      .waitForFunction(
        () => {
          const v = (window as unknown as { __voice: { played?: number } }).__voice;
          return v.played !== undefined && v;
        },
        undefined,
        { timeout: 15_000 },
      )
      .then(
        (h) =>
          h.jsonValue() as Promise<{
            replyDone: number;
            played: number;
            audio: { url: string; ms: number }[];
          }>,
      );
    speechStartMs.push(played - replyDone);
    sttRoundTrip.push(...audio.filter((a) => a.url.endsWith('/transcriptions')).map((a) => a.ms));
    ttsRoundTrip.push(...audio.filter((a) => a.url.endsWith('/speech')).map((a) => a.ms));
    log(
      `voice run ${run + 1}: transcript ${round(transcriptMs.at(-1)!)} ms, speech start ${round(played - replyDone)} ms`,
    );
    await fresh.close();
  }
} finally {
  await browser.close();
  await site.close();
  await service.close();
  await speech.close();
}

const summary = (xs: number[]) => ({ median: round(median(xs)), p95: round(quantile(xs, 0.95)) });
result({
  runs: RUNS,
  transcriptMs: summary(transcriptMs),
  speechStartMs: summary(speechStartMs),
  transcriptionRoundTripMs: summary(sttRoundTrip),
  speechRoundTripMs: summary(ttsRoundTrip),
});
