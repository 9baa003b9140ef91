import { describeError } from '../api/apiError';

/** A failed call, said as a sentence; `action` words a 403 ("You are not allowed to {action}"). */
export function ErrorMessage({ error, action, testId = 'error-message' }: { error: unknown; action?: string; testId?: string }) {
  if (!error) return null;
  return (
    <div className="message error" role="alert" data-testid={testId}>
      {describeError(error, action)}
    </div>
  );
}
