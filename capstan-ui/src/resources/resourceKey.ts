import type { ResourceRef } from '../api/types';

/**
 * How the UI names a Kubernetes object everywhere: `group/kind/namespace/name`, with an empty
 * group for the core API and an empty namespace for cluster-scoped objects
 * (`apps/Deployment/shop/web`, `/ConfigMap/shop/settings`, `rbac.authorization.k8s.io/ClusterRole//view`).
 * Deep links (`?node=`) and test ids use it.
 */
export function resourceKey(ref: { group?: string; kind: string; namespace?: string; name: string }): string {
  return `${ref.group ?? ''}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** The parts of a key made by {@link resourceKey}; undefined for text that is not one. */
export function parseResourceKey(key: string): ResourceRef | undefined {
  const parts = key.split('/');
  if (parts.length !== 4 || !parts[1] || !parts[3]) {
    return undefined;
  }
  const [group, kind, namespace, name] = parts;
  return { group, kind, namespace, name };
}

/** `kind/namespace/name` (or `kind/name` when cluster-scoped), the way messages name an object. */
export function describeResource(ref: { kind: string; namespace?: string; name: string }): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}
