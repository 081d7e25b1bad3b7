/**
 * Deep links and the small formatting rules of nudges: the page URL with `inflow` and
 * `inflow_src`, Slack mrkdwn escaping, and reading a receiver's Retry-After.
 */
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../outbound/backoff.js';
import { escapeSlack } from './channels.js';
import { buildDeepLink } from './link.js';
import { PAGE } from './test/queue.js';

describe('deep links', () => {
  it('adds inflow and inflow_src to the page URL and keeps its own parameters', () => {
    const link = new URL(buildDeepLink(PAGE, 'underperformance', 'slack'));
    expect(link.origin + link.pathname).toBe('https://hr.example.com/reviews/42');
    expect(link.searchParams.get('tab')).toBe('write');
    expect(link.searchParams.get('inflow')).toBe('underperformance');
    expect(link.searchParams.get('inflow_src')).toBe('slack');
  });
  it('replaces stale inflow parameters instead of repeating them', () => {
    const link = new URL(
      buildDeepLink('https://a.example/?inflow=old&inflow_src=teams', 'goal-setting', 'email'),
    );
    expect(link.searchParams.getAll('inflow')).toEqual(['goal-setting']);
    expect(link.searchParams.getAll('inflow_src')).toEqual(['email']);
  });
  it('refuses non-http pages', () => {
    expect(() => buildDeepLink('javascript:alert(1)', 'x', 'slack')).toThrow(TypeError);
  });
  it('escapes only what mrkdwn needs', () => {
    expect(escapeSlack('a < b > c & d "e"')).toBe('a &lt; b &gt; c &amp; d "e"');
  });
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
