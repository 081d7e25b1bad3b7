// XSS corpus: classic, markdown-specific, mutation-XSS and parser-breakout payloads.
// Each template's `§` becomes a numeric id (path × 100 + index) so that a payload that executes
// calls `__pwned(id)` and says which text path and which payload broke; every payload also carries
// a visible marker `XSS<N>` so the test can prove the text reached the screen (as text).
export const TEMPLATES: readonly string[] = [
  '<script>__pwned(§)</script>',
  '<img src=x onerror=__pwned(§)>',
  '<svg onload=__pwned(§)>',
  '<svg><script>__pwned(§)</script></svg>',
  '<iframe src="javascript:__pwned(§)"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned(§)</script>"></iframe>',
  '<a href="javascript:__pwned(§)">click me</a>',
  '[click me](javascript:__pwned(§))',
  '![alt](x" onerror="__pwned(§))',
  '<details open ontoggle=__pwned(§)>',
  '<body onload=__pwned(§)>',
  '<input autofocus onfocus=__pwned(§)>',
  '<video><source onerror=__pwned(§)></video>',
  '<audio src=x onerror=__pwned(§)></audio>',
  '<object data="javascript:__pwned(§)"></object>',
  '<embed src="javascript:__pwned(§)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=__pwned(§)>',
  '<noscript><p title="</noscript><img src=x onerror=__pwned(§)>">',
  '"><img src=x onerror=__pwned(§)>',
  "'><svg onload=__pwned(§)>",
  '</textarea><script>__pwned(§)</script>',
  '</style><script>__pwned(§)</script>',
  '<form><button formaction=javascript:__pwned(§)>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:__pwned(§)">',
  '<base href="javascript:__pwned(§)//">',
  '[data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZCgxKTwvc2NyaXB0Pg==)',
  '[mixed case](JaVaScRiPt:__pwned(§))',
  '[entity](&#106;avascript:__pwned(§))',
  '<a href="&#x6A;avascript:__pwned(§)">entity href</a>',
  '{{constructor.constructor("__pwned(§)")()}}',
  '${__pwned(§)}',
  '<div style="background:url(javascript:__pwned(§))">styled</div>',
  '<marquee onstart=__pwned(§)>m</marquee>',
  '<a href="  javascript:__pwned(§)">leading space</a>',
  '<svg><a xlink:href="javascript:__pwned(§)"><text x="1" y="9">svg link</text></a></svg>',
  '<scr<script>ipt>__pwned(§)</scr</script>ipt>',
  '<javascript:__pwned(§)>',
  '[reference][r]\n\n[r]: javascript:__pwned(§)',
  '<img src="x" onerror="&#95;&#95;pwned(§)">',
  '<style>@import "javascript:__pwned(§)";</style>',
  '<template><img src=x onerror=__pwned(§)></template><img src=x onerror=__pwned(§)>',
  '<select autofocus onfocus=__pwned(§)><option>x</option></select>',
];

/** Text paths, each with its own id range. */
export const PATHS = {
  modelOutput: 1,
  userText: 2,
  scenarioText: 3,
  feedbackText: 4,
  label: 5,
  context: 6,
  nudge: 7,
  report: 8,
  launcherAttributes: 9,
  deepLink: 10,
} as const;
export type PathName = keyof typeof PATHS;

export const idOf = (path: PathName, index: number): number => PATHS[path] * 100 + index;
export const markerOf = (id: number): string => `XSS${id}`;

/** Payload `index` for `path`: its visible marker, then the template with its id. */
export function payload(path: PathName, index: number): string {
  const id = idOf(path, index);
  return `${markerOf(id)} ${TEMPLATES[index]!.replaceAll('§', String(id))}`;
}

export const all = (path: PathName): string[] => TEMPLATES.map((_, i) => payload(path, i));

/** Which path and payload an id names (for failure messages). */
export function describeId(id: number): string {
  const path = Object.entries(PATHS).find(([, v]) => v === Math.floor(id / 100))?.[0] ?? '?';
  return `${path} #${id % 100}: ${TEMPLATES[id % 100] ?? '?'}`;
}
