import { ApiError } from './apiError';
import type {
  Application,
  AppProject,
  KubeEvent,
  ManagedResource,
  ResourceRef,
  ResourceTree,
  SyncOperation,
  UserInfo,
} from './types';

/**
 * The calls of docs/api.md. Same origin, session cookie; an error answer becomes an
 * {@link ApiError}. A 401 outside the session calls also tells {@link onUnauthenticated}, which
 * the app points at the login page.
 */
let unauthenticatedListener: (() => void) | undefined;

export function onUnauthenticated(listener: (() => void) | undefined): void {
  unauthenticatedListener = listener;
}

export function notifyUnauthenticated(): void {
  unauthenticatedListener?.();
}

async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let answer: Response;
  try {
    answer = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'Unavailable', e instanceof Error ? e.message : String(e));
  }
  const text = await answer.text();
  if (!answer.ok) {
    const error = ApiError.fromAnswer(answer.status, text, answer.headers.get('Retry-After'));
    if (error.status === 401 && !path.startsWith('/api/v1/session')) {
      notifyUnauthenticated();
    }
    throw error;
  }
  return (text ? JSON.parse(text) : {}) as T;
}

const app = (name: string) => `/api/v1/applications/${encodeURIComponent(name)}`;

function query(params: Record<string, string | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface SyncRequest {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  strategy?: { apply: { force: boolean } };
  resources?: SyncOperation['resources'];
  syncOptions?: { items: string[] };
}

export const api = {
  login: (username: string, password: string) => call<{ token: string }>('POST', '/api/v1/session', { username, password }),
  logout: () => call<object>('DELETE', '/api/v1/session'),
  userInfo: () => call<UserInfo>('GET', '/api/v1/session/userinfo'),

  listApplications: (signal?: AbortSignal) => call<{ items: Application[] | null }>('GET', '/api/v1/applications', undefined, signal),
  getApplication: (name: string, refresh?: 'normal' | 'hard', signal?: AbortSignal) =>
    call<Application>('GET', app(name) + query({ refresh }), undefined, signal),
  createApplication: (application: Application) => call<Application>('POST', '/api/v1/applications', application),
  updateApplication: (application: Application) => call<Application>('PUT', app(application.metadata.name), application),
  deleteApplication: (name: string, cascade: boolean) => call<object>('DELETE', app(name) + query({ cascade })),
  sync: (name: string, request: SyncRequest) => call<Application>('POST', `${app(name)}/sync`, request),
  rollback: (name: string, id: number, prune = false, dryRun = false) =>
    call<Application>('POST', `${app(name)}/rollback`, { id, prune, dryRun }),
  terminateOperation: (name: string) => call<object>('DELETE', `${app(name)}/operation`),
  resourceTree: (name: string, signal?: AbortSignal) => call<ResourceTree>('GET', `${app(name)}/resource-tree`, undefined, signal),
  managedResources: (name: string, signal?: AbortSignal) =>
    call<{ items: ManagedResource[] | null }>('GET', `${app(name)}/managed-resources`, undefined, signal),
  liveResource: (name: string, ref: ResourceRef, signal?: AbortSignal) =>
    call<{ manifest: string }>(
      'GET',
      `${app(name)}/resource` +
        query({ group: ref.group ?? '', kind: ref.kind, namespace: ref.namespace ?? '', resourceName: ref.name }),
      undefined,
      signal,
    ),
  events: (name: string, ref: ResourceRef | undefined, signal?: AbortSignal) =>
    call<{ items: KubeEvent[] | null }>(
      'GET',
      `${app(name)}/events` +
        (ref ? query({ resourceNamespace: ref.namespace ?? '', resourceName: ref.name, resourceUID: ref.uid ?? '' }) : ''),
      undefined,
      signal,
    ),

  listProjects: () => call<{ items: AppProject[] | null }>('GET', '/api/v1/projects'),
};
