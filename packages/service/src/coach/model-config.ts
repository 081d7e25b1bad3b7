/**
 * The model configuration read from the environment (docs/scenarios.md, "Model configuration").
 * Without `INFLOW_LLM_BASE_URL` the service runs the scripted engine.
 */
import { AZURE_API_VERSION, type ModelConfig, type ModelProvider } from './model-client.js';

const PROVIDERS: readonly ModelProvider[] = ['openai', 'azure', 'ollama', 'vllm'];

export function modelConfigFromEnv(env: Record<string, string | undefined>): ModelConfig | undefined {
  const baseUrl = env.INFLOW_LLM_BASE_URL?.trim();
  if (!baseUrl) return undefined;
  const provider = (env.INFLOW_LLM_PROVIDER?.trim().toLowerCase() ||
    (/\.openai\.azure\.com\//i.test(baseUrl) ? 'azure' : 'openai')) as ModelProvider;
  if (!PROVIDERS.includes(provider))
    throw new Error(
      `INFLOW_LLM_PROVIDER: expected one of ${PROVIDERS.join(', ')}, got "${env.INFLOW_LLM_PROVIDER}"`,
    );
  const timeout = env.INFLOW_LLM_TIMEOUT_MS?.trim();
  const timeoutMs = timeout ? Number(timeout) : undefined;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0))
    throw new Error(`INFLOW_LLM_TIMEOUT_MS: expected a positive integer, got "${timeout}"`);
  const model =
    env.INFLOW_LLM_MODEL?.trim() ||
    (provider === 'azure' ? (baseUrl.match(/\/deployments\/([^/?]+)/)?.[1] ?? 'azure') : 'gpt-4o-mini');
  return {
    provider,
    baseUrl,
    model,
    ...(env.INFLOW_LLM_API_KEY ? { apiKey: env.INFLOW_LLM_API_KEY } : {}),
    ...(provider === 'azure' ? { apiVersion: env.INFLOW_LLM_API_VERSION?.trim() || AZURE_API_VERSION } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
  };
}
