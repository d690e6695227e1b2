import { apiErrorSchema, type ApiError, type ErrorCode } from '@desk/shared';
import type { z } from 'zod';

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
 * Calls the desk API and parses the answer with the shared schema, so a drifting server shows up
 * as an error here rather than as `undefined` deep in a component.
 */
export async function api<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
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
    const parsed = apiErrorSchema.safeParse(json);
    const error: ApiError = parsed.success
      ? parsed.data.error
      : { code: 'INTERNAL', message: `The server answered ${response.status}. Try again.` };
    throw new ApiRequestError(response.status, error.code, error.message, error.fields);
  }
  return schema.parse(json);
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
