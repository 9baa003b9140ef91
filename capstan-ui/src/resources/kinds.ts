/**
 * What the UI knows of Kubernetes kinds: a short abbreviation for a node's icon, and an order to
 * list siblings in (the order a person reads a deployment: namespace and configuration first,
 * then the workloads, then what they own).
 */
const ABBREVIATIONS: Record<string, string> = {
  Namespace: 'ns',
  CustomResourceDefinition: 'crd',
  ServiceAccount: 'sa',
  ClusterRole: 'crole',
  ClusterRoleBinding: 'crb',
  Role: 'role',
  RoleBinding: 'rb',
  ConfigMap: 'cm',
  Secret: 'sec',
  PersistentVolumeClaim: 'pvc',
  PersistentVolume: 'pv',
  StorageClass: 'sc',
  Service: 'svc',
  Endpoints: 'ep',
  EndpointSlice: 'eps',
  Ingress: 'ing',
  NetworkPolicy: 'netpol',
  Deployment: 'deploy',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  ReplicaSet: 'rs',
  Pod: 'pod',
  Job: 'job',
  CronJob: 'cj',
  HorizontalPodAutoscaler: 'hpa',
  PodDisruptionBudget: 'pdb',
  Application: 'app',
  AppProject: 'proj',
};

const ORDER = [
  'Namespace',
  'CustomResourceDefinition',
  'ServiceAccount',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'ConfigMap',
  'Secret',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Service',
  'Endpoints',
  'EndpointSlice',
  'Ingress',
  'NetworkPolicy',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
  'Job',
  'ReplicaSet',
  'Pod',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
];
const RANK = new Map(ORDER.map((kind, i) => [kind, i]));

/** `deploy` for Deployment; the capitals of an unknown kind (`CertificateRequest` -> `cr`). */
export function kindAbbreviation(kind: string): string {
  const known = ABBREVIATIONS[kind];
  if (known) return known;
  const capitals = kind.replace(/[^A-Z]/g, '').toLowerCase();
  return capitals || kind.slice(0, 3).toLowerCase();
}

/** Where the kind sorts among siblings; unknown kinds after the known ones. */
export function kindRank(kind: string): number {
  return RANK.get(kind) ?? ORDER.length;
}
