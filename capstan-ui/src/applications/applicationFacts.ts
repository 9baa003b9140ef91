import type { Application, ApplicationSource } from '../api/types';
import { sourcesOf } from './applicationFilter';

/** How the list and the application page word an application's source and destination. */
export function sourceLabel(source: ApplicationSource | undefined): string {
  if (!source) return '';
  return source.chart ? `${source.chart} (Helm)` : source.path || '.';
}

export function repoLabel(app: Application): string {
  const sources = sourcesOf(app);
  if (sources.length === 0) return '';
  const first = sources[0].repoURL ?? '';
  return sources.length > 1 ? `${first} (+${sources.length - 1})` : first;
}

export function targetRevisionLabel(app: Application): string {
  return sourcesOf(app)[0]?.targetRevision || 'HEAD';
}

export function destinationLabel(app: Application): string {
  const destination = app.spec.destination ?? {};
  const cluster = destination.name || (destination.server === 'https://kubernetes.default.svc' ? 'in-cluster' : destination.server) || '';
  return destination.namespace ? `${cluster}/${destination.namespace}` : cluster;
}
