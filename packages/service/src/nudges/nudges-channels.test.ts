/**
 * What each channel receives, through the outbound queue, against a real loopback receiver, on
 * PGlite and on a real PostgreSQL: the payload shape each vendor documents (Slack Block Kit, a
 * Teams Adaptive Card) and Standard Webhooks signatures, verified with the reference library, an
 * implementation independent of ours.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { KnownBlock } from '@slack/types';
import { Webhook } from 'standardwebhooks';
import { describe, expect } from 'vitest';
import { generateSecret } from './sign.js';
import { channels, onNudgeQueue, onlyBody, PAGE, receiver, send } from './test/queue.js';

// Microsoft's Adaptive Cards library parses cards the way Teams clients do. Its ESM build does not
// load in Node (extensionless imports), its UMD bundle does.
const AC = createRequire(import.meta.url)(
  'adaptivecards/dist/adaptivecards.js',
) as typeof import('adaptivecards');

/** Parses a card as Adaptive Cards 1.4 (what Teams Workflows render): its parse warnings, and the card. */
function parseCard(content: unknown) {
  const context = new AC.SerializationContext(AC.Versions.v1_4);
  const card = new AC.AdaptiveCard();
  card.parse(content, context);
  const warnings = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return {
    card,
    warnings: [...warnings, ...card.validateProperties().validationEvents.map((e) => e.message)],
  };
}

onNudgeQueue('nudge_channels', (it) => {
  describe('Slack incoming webhook', () => {
    it('posts {text, blocks} with an escaped mrkdwn message and a link button to the deep link', async (db) => {
      const result = await send(db, {
        user: 'u-1',
        scenario: 'underperformance',
        channel: 'slack',
        url: PAGE,
        message: 'Review <due> Friday & prepare',
      });
      expect(result.status).toBe('delivered');
      const body = onlyBody();
      // Slack: `text` is required as the notification fallback when `blocks` are sent.
      expect(typeof body.text).toBe('string');
      expect(body.text).toContain('Review &lt;due&gt; Friday &amp; prepare');
      expect(body.text).toContain(`<${result.link}|Practise now>`);
      // Typed with the Slack SDK's own Block Kit types: tsc fails if this is not a valid block list.
      const expected: KnownBlock[] = [
        { type: 'section', text: { type: 'mrkdwn', text: 'Review &lt;due&gt; Friday &amp; prepare' } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Practise now' },
              url: result.link,
              style: 'primary',
              action_id: 'inflow_practice',
            },
          ],
        },
      ];
      expect(body.blocks).toEqual(expected);
      expect(new URL(result.link).searchParams.get('inflow_src')).toBe('slack');
      // Nothing else at the top level: Slack rejects unknown shapes with `invalid_payload`.
      expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);
      expect(receiver.received[0]!.headers['idempotency-key']).toBe(`nudge:${result.id}`);
    });
    it('uses the scenario title in the default message', async (db) => {
      await send(db, { user: 'u-1', scenario: 'underperformance', channel: 'slack', url: PAGE });
      expect(String(onlyBody().text)).toContain('"Addressing underperformance"');
    });
  });

  describe('Microsoft Teams webhook', () => {
    it('posts a message with one Adaptive Card attachment and an OpenUrl action to the deep link', async (db) => {
      const result = await send(db, {
        user: 'u-2',
        scenario: 'critical-feedback',
        channel: 'teams',
        url: PAGE,
        message: 'Time to practise',
      });
      const body = onlyBody() as { type: string; attachments: Record<string, unknown>[] };
      expect(body.type).toBe('message');
      expect(body.attachments).toHaveLength(1);
      const attachment = body.attachments[0] as {
        contentType: string;
        contentUrl: null;
        content: Record<string, unknown>;
      };
      expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(attachment.contentUrl).toBeNull();
      const card = attachment.content as {
        type: string;
        version: string;
        $schema: string;
        body: unknown[];
        actions: unknown[];
      };
      // Microsoft's parser, limited to 1.4, accepts every element and reads the action back.
      const parsed = parseCard(card);
      expect(parsed.warnings).toEqual([]);
      expect(parsed.card.getActionCount()).toBe(1);
      const action = parsed.card.getActionAt(0) as InstanceType<typeof AC.OpenUrlAction>;
      expect([action.getJsonTypeName(), action.url, action.title]).toEqual([
        'Action.OpenUrl',
        result.link,
        'Practise now',
      ]);
      expect(card.type).toBe('AdaptiveCard');
      expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
      // Teams Workflows render Adaptive Cards up to 1.4.
      expect(Number(card.version)).toBeLessThanOrEqual(1.4);
      expect(card.body).toEqual([{ type: 'TextBlock', text: 'Time to practise', wrap: true }]);
      expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Practise now', url: result.link }]);
      expect(new URL(result.link).searchParams.get('inflow_src')).toBe('teams');
    });
    it('retries a 200 whose body reports a Teams throttle', async (db) => {
      receiver.script(
        { status: 200, body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId …' },
        { status: 200, body: '1' },
      );
      const result = await send(db, {
        user: 'u-2',
        scenario: 'critical-feedback',
        channel: 'teams',
        url: PAGE,
      });
      expect(result.deliveries.map((d) => d.ok)).toEqual([false, true]);
      expect(result.deliveries[0]!.error).toMatch(/throttled/);
    });
  });

  describe('generic signed webhook', () => {
    it('signs per Standard Webhooks: the reference library verifies it, a wrong secret or a changed body does not', async (db) => {
      const secret = channels.webhook!.secret;
      const result = await send(db, {
        user: 'u-3',
        scenario: 'goal-setting',
        channel: 'webhook',
        url: PAGE,
        campaign: true,
      });
      const [request] = receiver.received;
      const headers = request!.headers as Record<string, string>;
      expect(headers['webhook-id']).toBe(result.id);
      expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);

      const verified = new Webhook(secret).verify(request!.body, headers) as {
        type: string;
        data: Record<string, unknown>;
      };
      expect(verified.type).toBe('inflow.nudge');
      expect(verified.data).toMatchObject({
        id: result.id,
        user: 'u-3',
        scenario: 'goal-setting',
        link: result.link,
        campaign: true,
      });
      // HR campaign links say so, and the page records source="campaign".
      expect(new URL(result.link).searchParams.get('inflow_src')).toBe('email');

      expect(() => new Webhook(generateSecret()).verify(request!.body, headers)).toThrow(/signature/i);
      expect(() =>
        new Webhook(secret).verify(request!.body.replace('goal-setting', 'underperformance'), headers),
      ).toThrow(/signature/i);

      // And by hand: HMAC-SHA256 over `${id}.${timestamp}.${body}` with the base64-decoded key.
      const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
      const expected = createHmac('sha256', key)
        .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${request!.body}`)
        .digest('base64');
      expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    });
    it("signs each retry with that attempt's timestamp and keeps the id", async (db) => {
      // A wait of at least 2 s, so the second attempt's timestamp (whole seconds) differs.
      receiver.script({ status: 502, headers: { 'retry-after': '2' } }, { status: 204 });
      const result = await send(db, { user: 'u-3', scenario: 'goal-setting', channel: 'webhook', url: PAGE });
      expect(result.status).toBe('delivered');
      const [first, second] = receiver.received.map((r) => r.headers as Record<string, string>);
      expect(first!['webhook-id']).toBe(second!['webhook-id']);
      expect(Number(second!['webhook-timestamp'])).toBeGreaterThan(Number(first!['webhook-timestamp']));
      expect(first!['webhook-signature']).not.toBe(second!['webhook-signature']);
    });
  });
});
