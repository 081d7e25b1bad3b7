import { existsSync } from 'node:fs';
import { defineConfig } from 'vitepress';

// The docs site (`npm run docs`, `npm run docs:build`). Pages owned by other parts of the project
// appear in the sidebar once their file exists, so the site builds at any point of the work.
const docs = new URL('..', import.meta.url).pathname;
const page = (text: string, link: string) =>
  existsSync(`${docs}${link}.md`) ? [{ text, link: `/${link}` }] : [];

export default defineConfig({
  title: 'Inflow',
  description:
    'AI practice in the flow of work: embeddable web components, a thin client and a reference service.',
  cleanUrls: true,
  // Inflow's tags in examples are custom elements, not Vue components.
  vue: { template: { compilerOptions: { isCustomElement: (tag: string) => tag.startsWith('inflow-') } } },
  themeConfig: {
    nav: [
      { text: 'Quick start', link: '/' },
      { text: 'Elements', link: '/elements' },
      { text: 'Demo', link: '/demo' },
    ],
    sidebar: [
      {
        text: 'Integrate',
        items: [
          { text: 'Quick start', link: '/' },
          ...page('Elements reference', 'elements'),
          { text: 'Theming', link: '/theming' },
          { text: 'Framework recipes', link: '/frameworks' },
          ...page('Host apps', 'hosts'),
          ...page('Nudges and deep links', 'nudges'),
          ...page('Voice practice', 'voice'),
          ...page('Client', 'client'),
          ...page('Scenario studio', 'scenarios'),
        ],
      },
      {
        text: 'Operate',
        items: [
          ...page('Service', 'service'),
          ...page('Integrations', 'integrations'),
          ...page('Activation metrics', 'activation'),
          ...page('Security', 'security'),
          { text: 'Content-Security-Policy', link: '/security-csp' },
          ...page('Benchmarks', 'benchmarks'),
        ],
      },
      {
        text: 'Try and test',
        items: [
          { text: 'Demo site and configurator', link: '/demo' },
          { text: 'Testing with @inflow/mocks', link: '/mocks' },
          { text: 'Troubleshooting', link: '/troubleshooting' },
          ...page('Contributing and releases', 'contributing'),
        ],
      },
    ],
    search: { provider: 'local' },
  },
  // Links to pages other engineers have not written yet must not fail the build; every other dead link does.
  ignoreDeadLinks: [
    (url: string) =>
      /^\.?\/?(elements|hosts|benchmarks|security|service|client|activation|nudges)(\.md)?(#.*)?$/.test(
        url,
      ) && !existsSync(`${docs}${url.replace(/^\.?\//, '').replace(/(\.md)?(#.*)?$/, '')}.md`),
  ],
});
