/**
 * The service's log seam, runtime-neutral: a pino logger in Node (ops/pino.ts), the console in a
 * browser (@inflow/mocks), a collector in tests. Lines carry ids, codes and timings only — never a
 * token, an Authorization header, transcript text, a context value or a request body
 * (docs/design.md §7; docs/service.md, "Logs").
 */
export type LogFields = Record<string, unknown>;

/** The subset of pino's API the service uses: `logger.info({ fields }, 'message')`. */
export interface Logger {
  info(fields: LogFields, message?: string): void;
  warn(fields: LogFields, message?: string): void;
  error(fields: LogFields, message?: string): void;
}

const MAX_MESSAGE = 300;

/**
 * What of an unexpected error may reach a log: its class, its message (bounded) and stack, and a
 * driver's SQLSTATE `code`. Never its other properties: pg's `detail` and `where` can quote a row.
 */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error).slice(0, MAX_MESSAGE) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message.slice(0, MAX_MESSAGE),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
    ...(error.cause !== undefined ? { cause: errorFields(error.cause) } : {}),
  };
}

/**
 * The default where no logger is given (a browser, a library user): warnings and errors to the
 * console, one object each; per-request lines are dropped.
 */
export function consoleLogger(): Logger {
  const out = (write: (...a: unknown[]) => void, level: string) => (fields: LogFields, message?: string) =>
    write(`[inflow] ${message ?? level}`, fields.err ? { ...fields, err: errorFields(fields.err) } : fields);
  return {
    info: () => undefined,
    warn: out(console.warn, 'warn'),
    error: out(console.error, 'error'),
  };
}

/** Adapts a bare error callback (e.g. @inflow/mocks' `logError`) to a Logger. */
export function errorCallbackLogger(onError: (error: unknown) => void): Logger {
  return {
    info: () => undefined,
    warn: (fields, message) => onError(message ?? fields),
    error: (fields, message) => onError(fields.err ?? message ?? fields),
  };
}
