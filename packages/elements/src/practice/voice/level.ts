/**
 * The input level of a recording, for the level meter and for voice-activity detection: the
 * turn ends after PAUSE_MS of quiet that follows speech. An RMS threshold on the analyser's
 * samples is enough for one speaker at a desk; a model-based detector would cost the chunk budget.
 */
const SPEECH_RMS = 0.02;
export const PAUSE_MS = 1200;

export function watchLevel(
  stream: MediaStream,
  onLevel: (level: number) => void,
  onPause?: () => void,
): () => void {
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(stream).connect(analyser);
  void context.resume();
  const samples = new Float32Array(analyser.fftSize);
  let heard = false;
  let quietSince = performance.now();
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    const rms = Math.sqrt(sum / samples.length);
    onLevel(Math.min(1, rms * 5));
    const now = performance.now();
    if (rms > SPEECH_RMS) {
      heard = true;
      quietSince = now;
    } else if (heard && onPause && now - quietSince > PAUSE_MS) onPause();
  }, 50);
  return () => {
    clearInterval(timer);
    void context.close();
  };
}
