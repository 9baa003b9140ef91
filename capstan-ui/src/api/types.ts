// The JSON of Capstan's custom resources and API answers, as docs/api.md and capstan-api's
// v1alpha1 classes describe them. Only the fields the UI reads are typed; every one may be absent.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

export interface ApplicationSource {
  repoURL: string;
  targetRevision?: string;
  path?: string;
  chart?: string;
  ref?: string;
  [other: string]: unknown;
}

export interface ApplicationDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

export interface SyncPolicy {
  automated?: { prune?: boolean; selfHeal?: boolean; allowEmpty?: boolean };
  syncOptions?: string[];
  retry?: unknown;
}

export interface ApplicationSpec {
  project?: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination: ApplicationDestination;
  syncPolicy?: SyncPolicy;
  dependsOn?: { name: string; namespace?: string }[];
  revisionHistoryLimit?: number;
  [other: string]: unknown;
}

export interface HealthState {
  status?: HealthStatus;
  message?: string;
}

export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown' | string;
export type SyncStatus = 'Synced' | 'OutOfSync' | 'Unknown' | string;

export interface ResourceStatus {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: SyncStatus;
  health?: HealthState;
  requiresPruning?: boolean;
  hook?: boolean;
}

export interface InitiatedBy {
  username?: string;
  automated?: boolean;
}

export interface SyncOperation {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  resources?: { group?: string; kind: string; namespace?: string; name: string }[];
  syncOptions?: string[];
  source?: ApplicationSource;
  rollbackTo?: number;
}

export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: InitiatedBy;
}

/** One task of a running or finished sync, as the engine saves it in operationState.syncResult.state. */
export interface SyncTaskResult {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  phase?: string;
  wave?: number;
  action?: string;
  status?: string;
  message?: string;
}

export interface OperationState {
  operation?: Operation;
  phase?: 'Running' | 'Terminating' | 'Succeeded' | 'Failed' | 'Error' | string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  retryCount?: number;
  syncResult?: {
    revision?: string;
    source?: unknown;
    state?: { phase?: string; syncPhase?: string; wave?: number; message?: string; tasks?: SyncTaskResult[] };
    [other: string]: unknown;
  };
}

export interface RevisionHistory {
  id: number;
  revision?: string;
  revisions?: string[];
  deployedAt?: string;
  initiatedBy?: InitiatedBy;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
}

export interface ApplicationCondition {
  type: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface ApplicationStatus {
  sync?: { status?: SyncStatus; revision?: string; revisions?: string[] };
  health?: HealthState;
  resources?: ResourceStatus[];
  operationState?: OperationState;
  history?: RevisionHistory[];
  conditions?: ApplicationCondition[];
  reconciledAt?: string;
  summary?: { images?: string[] };
}

export interface Application {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: ApplicationSpec;
  status?: ApplicationStatus;
  operation?: Operation;
}

export interface AppProject {
  metadata: ObjectMeta;
  spec?: { description?: string; sourceRepos?: string[]; destinations?: { server?: string; name?: string; namespace?: string }[] };
}

export interface ResourceRef {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

/** A node of GET /applications/{name}/resource-tree. */
export interface ResourceNode extends ResourceRef {
  version?: string;
  resourceVersion?: string;
  createdAt?: string;
  parentRefs?: ResourceRef[];
  health?: HealthState;
  healthDecidedBy?: string;
  sync?: SyncStatus;
  managed?: boolean;
  info?: { name: string; value: string }[];
  images?: string[];
}

export interface ResourceTree {
  nodes: ResourceNode[];
}

/** An item of GET /applications/{name}/managed-resources. */
export interface ManagedResource {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: SyncStatus;
  hook?: boolean;
  requiresPruning?: boolean;
  liveState?: string;
  targetState?: string;
  normalizedLiveState?: string;
  predictedLiveState?: string;
  diff?: string;
}

export interface KubeEvent {
  metadata?: ObjectMeta;
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string; host?: string };
  involvedObject?: ResourceRef;
}

export interface UserInfo {
  loggedIn: boolean;
  username?: string;
  groups?: string[];
}

export interface ApplicationWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  application: Application;
}
