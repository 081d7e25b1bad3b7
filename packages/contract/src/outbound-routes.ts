/**
 * The operations of the outbound queue's admin API and the integration settings (part of ROUTES,
 * routes.ts): `GET /v1/deliveries`, `POST /v1/deliveries/{id}/retry`,
 * `GET`/`PUT /v1/settings/integrations`.
 */
import * as S from './schemas.js';

// No RouteSpec annotation (routes.ts would import back): ROUTES checks each entry where it is spread.
export const OUTBOUND_ROUTES = [
  {
    method: 'get',
    path: '/v1/deliveries',
    operationId: 'listDeliveries',
    summary: "The tenant's outbound deliveries (newest first, at most 100), optionally of one status",
    scope: 'admin',
    query: S.DeliveriesQuery,
    status: 200,
    response: S.DeliveryList,
  },
  {
    method: 'post',
    path: '/v1/deliveries/{id}/retry',
    operationId: 'retryDelivery',
    summary:
      'Send a dead (or waiting) delivery again now, with a fresh set of attempts; a delivered one answers 409',
    scope: 'admin',
    status: 200,
    response: S.Delivery,
  },
  {
    method: 'get',
    path: '/v1/settings/integrations',
    operationId: 'getIntegrationSettings',
    summary:
      "Where the tenant's xAPI statements and activation webhooks go; secrets only as `passwordSet`/`secretSet`",
    scope: 'admin',
    status: 200,
    response: S.IntegrationSettings,
  },
  {
    method: 'put',
    path: '/v1/settings/integrations',
    operationId: 'putIntegrationSettings',
    summary:
      'Replace the LRS and webhook settings (`null` turns one off; a secret left out is kept); every problem answers 422 with its path',
    scope: 'admin',
    body: S.IntegrationSettingsInput,
    status: 200,
    response: S.IntegrationSettings,
  },
] as const;
