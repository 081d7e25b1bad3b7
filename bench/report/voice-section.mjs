// Section 11: voice practice's latency (bench/voice.ts, issue 20).
import { ms, table } from './format.mjs';

export function voiceLatency(v) {
  return [
    `bench/voice.ts: the launcher with \`voice="push" voice-provider="service"\` from the built embed in Chromium (fake microphone), the local service proxying a loopback server that speaks the OpenAI audio API. Transcript: from the click that ends push-to-talk to the first frame in which the composer holds the transcript. Speech start: from the end of the turn's stream to the reply's audio being played. ${v.runs} runs, each in a fresh page. The audio round trips (browser → service → loopback provider → browser) are inside the two figures.`,
    '',
    table(
      ['', 'median', 'p95'],
      [
        [
          'End of speech → transcript in the composer (ms)',
          ms(v.transcriptMs.median),
          ms(v.transcriptMs.p95),
        ],
        ['Reply text complete → speech starts (ms)', ms(v.speechStartMs.median), ms(v.speechStartMs.p95)],
        [
          '· of which POST /v1/audio/transcriptions (ms)',
          ms(v.transcriptionRoundTripMs.median),
          ms(v.transcriptionRoundTripMs.p95),
        ],
        [
          '· of which POST /v1/audio/speech (ms)',
          ms(v.speechRoundTripMs.median),
          ms(v.speechRoundTripMs.p95),
        ],
      ],
    ),
    '',
  ];
}
