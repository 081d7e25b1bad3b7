// Vue 3 host: one page-level configure() for every element, then the app. plugin-vue is told
// that inflow-* tags are custom elements (vite config in the test), so Vue leaves them to the browser.
import { createApp } from 'vue';
import { configure } from '@inflow/elements';
import '@inflow/elements/define/launcher';
import App from './App.vue';

const { apiBase } = (await (await fetch('/inflow-config')).json()) as { apiBase: string };
configure({
  apiBase,
  fetchToken: async () => ((await (await fetch('/token')).json()) as { token: string }).token,
});
createApp(App).mount('#app');
