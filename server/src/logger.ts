import pino, { type Logger } from 'pino';

/** Paths that may carry PII or secrets; pino replaces their values before anything is written. */
const REDACT = [
  'childFirstName',
  '*.childFirstName',
  'callerPhone',
  '*.callerPhone',
  'to',
  '*.to',
  'nhsNumber',
  '*.nhsNumber',
  'dateOfBirth',
  '*.dateOfBirth',
  'token',
  '*.token',
  'password',
  '*.password',
  'body',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } });
}

/** Join links carry a bearer token in the path: never log it. */
export function maskUrl(url: string): string {
  return url.replace(/\/join\/[^/?#]+/, '/join/[token]');
}
