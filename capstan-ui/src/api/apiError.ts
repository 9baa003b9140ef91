/**
 * An error answer of the API (`{"error": "PermissionDenied", "code": 403, "message": "..."}`),
 * or a failure to reach it (status 0).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    /** Seconds from the Retry-After header of a 429, when given. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The error of a non-2xx answer, from its JSON body when it has one. */
  static fromAnswer(status: number, bodyText: string, retryAfter: string | null): ApiError {
    let reason = REASONS[status] ?? 'Error';
    let message = bodyText.trim() || `the server answered ${status}`;
    try {
      const body = JSON.parse(bodyText) as { error?: unknown; message?: unknown };
      if (typeof body.error === 'string') reason = body.error;
      if (typeof body.message === 'string' && body.message) message = body.message;
    } catch {
      // not JSON (a proxy's page): keep the text
      if (message.startsWith('<')) message = `the server answered ${status}`;
    }
    const seconds = retryAfter === null ? undefined : Number.parseInt(retryAfter, 10);
    return new ApiError(status, reason, message, Number.isFinite(seconds) ? seconds : undefined);
  }
}

const REASONS: Record<number, string> = {
  400: 'InvalidArgument',
  401: 'Unauthenticated',
  403: 'PermissionDenied',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  429: 'TooManyRequests',
  500: 'Internal',
};

/**
 * The sentence a person reads for a failed action, e.g. `describeError(e, 'sync web')`:
 * a 403 says "You are not allowed to sync web." with the policy's words after it.
 */
export function describeError(error: unknown, action?: string): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 0:
        return `Cannot reach the Capstan server: ${error.message}`;
      case 403:
        return action ? `You are not allowed to ${action} (${error.message}).` : `You are not allowed to do this (${error.message}).`;
      case 429:
        return error.retryAfterSeconds === undefined
          ? error.message
          : `${error.message} Try again in ${formatWait(error.retryAfterSeconds)}.`;
      default:
        return error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
