/**
 * `POST /demo/token` (demo mode only, `inflow serve --demo`): mints an embed token for the `demo`
 * tenant for anyone who asks, so the demo pages need no vendor backend. Never on a real tenant.
 */
import Type from 'typebox';
import { SCOPES } from './constants.js';

const Claim = (description: string) => Type.String({ minLength: 1, maxLength: 128, description });

export const DemoTokenRequest = Type.Object({
  user: Type.Optional(Claim('The `sub` claim (default `demo-user`)')),
  team: Type.Optional(Claim('The `team` claim (default `demo-team`)')),
  scope: Type.Optional(
    Type.Union(SCOPES.map((s) => Type.Literal(s)) as [Type.TLiteral<'practice'>, Type.TLiteral<'admin'>], {
      description: 'Default `practice`; `admin` opens the activation report, audience and nudges',
    }),
  ),
});

export const DemoTokenResponse = Type.Object({
  token: Type.String({ description: 'HS256 embed token (JWT) of the `demo` tenant' }),
  expiresAt: Type.String({
    format: 'date-time',
    description: 'When the token expires (15 minutes after issue)',
  }),
});
