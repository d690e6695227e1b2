import { isErrorCode, type ApiError, type ErrorCode } from '@desk/shared';
import { isRecord } from './guards';

/** An error the API answered with: a stable `code` the UI can branch on, and field messages for forms. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

type RequestOptions = {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Lets the request outlive the page (a last save as the tab closes). */
  keepalive?: boolean;
};

/**
 * What reads an answer: a shared zod schema on the desk, a small type guard on the parent's page
 * (which carries no zod). Either throws on a shape it does not know.
 */
export type Reader<T> = { parse(json: unknown): T };

/** For a 204 (or any answer whose body nobody reads). */
export const noContentReader: Reader<void> = { parse: () => undefined };

/**
 * Calls the desk API and reads the answer with `reader`, so a drifting server shows up as an error
 * here rather than as `undefined` deep in a component.
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  reader: Reader<T>,
  options: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError(0, 'NETWORK', 'Could not reach the server. Check the connection and try again.');
  }
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    const error: ApiError = readApiError(json) ?? { code: 'INTERNAL', message: `The server answered ${response.status}. Try again.` };
    throw new ApiRequestError(response.status, error.code, error.message, error.fields);
  }
  return reader.parse(json);
}

/** The `{error: {code, message, fields?}}` body of a refusal, or null for anything else (a proxy's HTML page, say). */
export function readApiError(json: unknown): ApiError | null {
  if (!isRecord(json) || !isRecord(json.error)) return null;
  const { code, message, fields } = json.error;
  if (!isErrorCode(code) || typeof message !== 'string') return null;
  return isStringRecord(fields) ? { code, message, fields } : { code, message };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A POST whose answer nobody waits for, that outlives the page (a goodbye as the tab closes). Never throws. */
export function postAndForget(path: string, body: unknown): void {
  void fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    keepalive: true,
  }).catch(() => undefined);
}
