// The one Chromium configuration every browser suite, bench and script uses: Debian's
// /usr/bin/chromium (scripts/ensure-chromium.mjs installs it) or CHROME_PATH, headless, with the
// flags this sandboxed, offline machine needs (no sandbox, no GPU, no background network calls).

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launch options in the shape Playwright's `chromium.launch` and Puppeteer's `launch` both take. */
export const chromiumLaunchOptions = () => ({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [...CHROMIUM_ARGS],
});
