/**
 * One client for every OpenAI-wire chat-completions server: OpenAI, Azure OpenAI (deployment
 * URL, `api-key` header, `api-version` query), Ollama and vLLM (docs/scenarios.md, "Model
 * configuration"). Each attempt has a deadline; a 5xx, a timeout or a dropped connection is
 * retried once; anything else is a `ModelError` whose message carries no transcript text.
 */

export type ModelProvider = 'openai' | 'azure' | 'ollama' | 'vllm';

export interface ModelConfig {
  provider: ModelProvider;
  /** OpenAI, Ollama, vLLM: the base URL with its `/v1`. Azure: `https://<resource>.openai.azure.com/openai/deployments/<deployment>`. */
  baseUrl: string;
  /** The model name (Azure: the deployment's name, used only to label the judge version). */
  model: string;
  apiKey?: string;
  /** Azure only: the `api-version` query parameter. */
  apiVersion?: string;
  /** Deadline of one attempt (headers and body). Default 30 s. */
  timeoutMs?: number;
  /** Pause before the one retry. Default 250 ms. */
  retryDelayMs?: number;
  fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const AZURE_API_VERSION = '2024-10-21';

export class ModelError extends Error {
  constructor(
    readonly kind: 'timeout' | 'status' | 'network' | 'protocol' | 'refusal',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** The chat-completions URL and the authentication headers of `config`. */
export function chatEndpoint(config: ModelConfig): { url: string; headers: Record<string, string> } {
  const base = config.baseUrl.replace(/\/+$/, '');
  if (config.provider === 'azure') {
    const url = new URL(`${base}/chat/completions`);
    url.searchParams.set('api-version', config.apiVersion ?? AZURE_API_VERSION);
    return { url: url.toString(), headers: config.apiKey ? { 'api-key': config.apiKey } : {} };
  }
  return {
    url: `${base}/chat/completions`,
    headers: config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {},
  };
}

/** The request body's model field: Azure names the model by the deployment in the URL. */
export const modelField = (config: ModelConfig): { model?: string } =>
  config.provider === 'azure' ? {} : { model: config.model };

function retryable(error: unknown): boolean {
  return (
    error instanceof ModelError &&
    (error.kind === 'timeout' ||
      error.kind === 'network' ||
      (error.kind === 'status' && (error.status ?? 0) >= 500))
  );
}

/** What went wrong in one attempt, as a ModelError (the caller's own abort passes through). */
function classify(error: unknown, deadline: AbortSignal, outer?: AbortSignal): unknown {
  if (outer?.aborted) return outer.reason;
  if (error instanceof ModelError) return error;
  if (deadline.aborted) return new ModelError('timeout', 'the model did not answer in time');
  return new ModelError('network', `the model could not be reached (${(error as Error)?.name ?? 'error'})`);
}

/**
 * Runs `attempt` with a fresh deadline signal, once more after a retryable failure. `attempt`
 * must finish reading whatever it needs under that signal.
 */
export async function withRetry<T>(
  config: ModelConfig,
  attempt: (signal: AbortSignal) => Promise<T>,
  outer?: AbortSignal,
): Promise<T> {
  for (let tries = 1; ; tries++) {
    outer?.throwIfAborted();
    const deadline = AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const signal = outer ? AbortSignal.any([deadline, outer]) : deadline;
    try {
      return await attempt(signal);
    } catch (raw) {
      const error = classify(raw, deadline, outer);
      if (tries >= 2 || !retryable(error)) throw error;
      await new Promise((r) => setTimeout(r, config.retryDelayMs ?? 250));
    }
  }
}

/** POSTs a chat-completions body; resolves with an OK response whose body is still unread. */
export async function postChat(
  config: ModelConfig,
  body: Record<string, unknown>,
  signal: AbortSignal,
  accept: string,
): Promise<Response> {
  const { url, headers } = chatEndpoint(config);
  const response = await (config.fetch ?? fetch)(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, ...headers },
    body: JSON.stringify({ ...modelField(config), ...body }),
    signal,
  });
  if (!response.ok) {
    // Drain the body so the connection can be reused; its text may echo the prompt, so it is not kept.
    await response.body?.cancel().catch(() => undefined);
    throw new ModelError('status', `chat completions answered ${response.status}`, response.status);
  }
  return response;
}
