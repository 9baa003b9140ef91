import { describe, expect, it } from 'vitest';
import { ApiError, describeError } from './apiError';

describe('ApiError.fromAnswer', () => {
  it('reads the error JSON of the API', () => {
    const error = ApiError.fromAnswer(403, '{"error":"PermissionDenied","code":403,"message":"permission denied: applications, sync, default/web"}', null);
    expect(error).toMatchObject({ status: 403, reason: 'PermissionDenied', message: 'permission denied: applications, sync, default/web' });
  });

  it('keeps the Retry-After of a 429', () => {
    const error = ApiError.fromAnswer(429, '{"error":"TooManyRequests","code":429,"message":"too many failed logins"}', '120');
    expect(error.retryAfterSeconds).toBe(120);
  });

  it('words an answer that is not JSON by its status', () => {
    expect(ApiError.fromAnswer(502, '<html>Bad Gateway</html>', null)).toMatchObject({ reason: 'Error', message: 'the server answered 502' });
    expect(ApiError.fromAnswer(404, '', null)).toMatchObject({ reason: 'NotFound', message: 'the server answered 404' });
  });
});

describe('describeError', () => {
  it('says what the user may not do on a 403', () => {
    const error = new ApiError(403, 'PermissionDenied', 'permission denied: applications, sync, default/web');
    expect(describeError(error, 'sync web')).toBe('You are not allowed to sync web (permission denied: applications, sync, default/web).');
  });

  it('says when to try again after a 429', () => {
    expect(describeError(new ApiError(429, 'TooManyRequests', 'too many failed logins.', 1))).toBe('too many failed logins. Try again in 1 second.');
    expect(describeError(new ApiError(429, 'TooManyRequests', 'too many failed logins.', 250))).toBe('too many failed logins. Try again in 5 minutes.');
  });

  it('gives the API message of other errors as it is', () => {
    expect(describeError(new ApiError(400, 'InvalidArgument', 'spec.destination: required'))).toBe('spec.destination: required');
    expect(describeError(new ApiError(0, 'Unavailable', 'Failed to fetch'))).toBe('Cannot reach the Capstan server: Failed to fetch');
  });
});
