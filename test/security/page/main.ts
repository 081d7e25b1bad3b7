// The hostile host page's script (bundled by esbuild from the packages' sources): the vendor's
// usual embed — configure() with a token from the vendor backend, the define files — and nothing
// else. Everything hostile arrives through the markup, the URL and the API.
import { configure } from '@inflow/elements';
import '@inflow/elements/define/launcher';
import '@inflow/elements/define/nudge';
import '@inflow/elements/define/activation-report';

const apiBase = document.querySelector('meta[name="inflow-api-base"]')?.getAttribute('content') ?? '';
configure({
  apiBase,
  fetchToken: async () => ((await (await fetch('/token')).json()) as { token: string }).token,
});
