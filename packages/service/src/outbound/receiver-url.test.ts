// Receiver URLs unreachable by design are refused when the service starts (tenants.ts), for
// every receiver field, with the tenant and the field named, unless allowPrivateReceivers.
import { expect, test } from 'vitest';
import { tenantRegistry, type TenantConfig } from '../tenants.js';
import { receiverUrlProblem } from './receiver-url.js';

const REFUSED = [
  'http://hooks.example.com/x', // not https
  'ftp://hooks.example.com/x',
  'not a url',
  'https://localhost/x',
  'https://api.localhost./x',
  'https://127.0.0.1/x',
  'https://127.1/x', // URL parsing normalises every IPv4 spelling
  'https://2130706433/x',
  'https://0x7f000001/x',
  'https://0.0.0.0/x',
  'https://10.1.2.3/x',
  'https://172.16.0.1/x',
  'https://172.31.255.255/x',
  'https://192.168.1.1/x',
  'https://100.64.0.1/x',
  'https://169.254.169.254/latest/meta-data', // the cloud metadata address
  'https://224.0.0.1/x',
  'https://[::]/x',
  'https://[::1]/x',
  'https://[0:0:0:0:0:0:0:1]/x',
  'https://[::ffff:127.0.0.1]/x',
  'https://[::ffff:a9fe:a9fe]/x',
  'https://[64:ff9b::10.0.0.1]/x',
  'https://[fe80::1]/x',
  'https://[fc00::1]/x',
  'https://[fd12:3456:789a::1]/x',
  'https://[ff02::1]/x',
];
const ACCEPTED = [
  'https://hooks.example.com/x',
  'https://93.184.215.14/x',
  'https://172.32.0.1/x',
  'https://100.128.0.1/x',
  'https://[2606:4700::1111]/x',
  'https://[::ffff:5db8:d70e]/x', // mapped public IPv4
];

test.each(REFUSED)('refused: %s', (url) => {
  const problem = receiverUrlProblem(url, false);
  expect(problem).toBeDefined();
  expect(problem, 'the reason never repeats the URL, a secret').not.toContain(url);
});

test.each(ACCEPTED)('accepted: %s', (url) => {
  expect(receiverUrlProblem(url, false)).toBeUndefined();
});

test('allowPrivateReceivers lets loopback and http through, but not another scheme', () => {
  expect(receiverUrlProblem('http://127.0.0.1:4000/hook', true)).toBeUndefined();
  expect(receiverUrlProblem('https://[::1]/x', true)).toBeUndefined();
  expect(receiverUrlProblem('ftp://127.0.0.1/x', true)).toMatch(/http\(s\)/);
});

test('the registry refuses a private receiver in every receiver field, naming the tenant and field', () => {
  const base: TenantConfig = { id: 'acme', secrets: ['s'.repeat(32)] };
  const loop = 'http://127.0.0.1:4000/hook';
  const secret = 'whsec_' + btoa('0123456789abcdef');
  const lrs = { endpoint: loop, username: 'u', password: 'p', activityIriBase: 'https://lms.example' };
  const fields: [string, Partial<TenantConfig>][] = [
    ['activationWebhook.url', { activationWebhook: { url: loop, secret } }],
    ['lrs.endpoint', { lrs }],
    ['nudgeChannels.slack.url', { nudgeChannels: { slack: { url: loop } } }],
    ['nudgeChannels.teams.url', { nudgeChannels: { teams: { url: loop } } }],
    ['nudgeChannels.webhook.url', { nudgeChannels: { webhook: { url: loop, secret } } }],
  ];
  for (const [field, config] of fields) {
    expect(() => tenantRegistry([{ ...base, ...config }])).toThrow(
      `tenant config "acme": ${field} must be an https URL`,
    );
    const https = JSON.parse(
      JSON.stringify(config).replace('http://127.0.0.1:4000', 'https://[fd00::1]'),
    ) as object;
    expect(() => tenantRegistry([{ ...base, ...https }])).toThrow(
      `tenant config "acme": ${field} points at a unique-local IPv6 address`,
    );
    expect(() => tenantRegistry([{ ...base, ...config, allowPrivateReceivers: true }])).not.toThrow();
  }
  expect(() => tenantRegistry([{ ...base, allowPrivateReceivers: 'yes' as unknown as boolean }])).toThrow(
    'allowPrivateReceivers must be true or false',
  );
});
