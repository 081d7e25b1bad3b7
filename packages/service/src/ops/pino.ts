/**
 * Node only: the service's pino logger, one JSON line per record on stdout (or to `write`, for
 * tests and embedders). Errors go through `errorFields`, so a driver error's row details never
 * reach a line; `authorization` and `token` keys are redacted should any code ever log one.
 */
import pino from 'pino';
import { errorFields, type Logger } from './logger.js';

export interface PinoOptions {
  /** `INFLOW_LOG_LEVEL`: trace, debug, info (default), warn, error, fatal, silent. */
  level?: string;
  /** Receives each line (without its newline) instead of stdout. */
  write?: (line: string) => void;
}

export function pinoLogger(options: PinoOptions = {}): Logger {
  const config: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: { pid: process.pid },
    serializers: { err: errorFields },
    redact: { paths: ['authorization', 'token', '*.authorization', '*.token'], censor: '[redacted]' },
  };
  const write = options.write;
  return write ? pino(config, { write: (line: string) => write(line.trimEnd()) }) : pino(config);
}
