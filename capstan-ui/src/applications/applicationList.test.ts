import { describe, expect, it } from 'vitest';
import type { Application, ApplicationWatchEvent } from '../api/types';
import { applyEvents, emptyList, isNewer, listOf, replaceAll } from './applicationList';

function app(name: string, resourceVersion: string, health = 'Healthy'): Application {
  return { metadata: { name, resourceVersion }, spec: { destination: {} }, status: { health: { status: health } } };
}

const event = (type: ApplicationWatchEvent['type'], application: Application): ApplicationWatchEvent => ({ type, application });

describe('applyEvents', () => {
  it('adds applications and keeps the names sorted', () => {
    const list = applyEvents(emptyList, [event('ADDED', app('web', '1')), event('ADDED', app('api', '2'))]);
    expect(list.names).toEqual(['api', 'web']);
    expect(list.byName.get('web')?.metadata.resourceVersion).toBe('1');
  });

  it('replaces an application with a newer version', () => {
    const list = listOf([app('web', '1')]);
    const next = applyEvents(list, [event('MODIFIED', app('web', '5', 'Degraded'))]);
    expect(next.byName.get('web')?.status?.health?.status).toBe('Degraded');
    expect(next.names).toBe(list.names);
  });

  it('drops an event older than the application it has', () => {
    const list = listOf([app('web', '10')]);
    expect(applyEvents(list, [event('MODIFIED', app('web', '9', 'Degraded'))])).toBe(list);
  });

  it('returns the same list when an event repeats what it has', () => {
    const list = listOf([app('web', '10')]);
    expect(applyEvents(list, [event('ADDED', app('web', '10'))])).toBe(list);
  });

  it('removes deleted applications and ignores deletes of unknown ones', () => {
    const list = listOf([app('web', '1'), app('api', '1')]);
    const next = applyEvents(list, [event('DELETED', app('web', '2')), event('DELETED', app('nope', '3'))]);
    expect(next.names).toEqual(['api']);
    expect(next.byName.has('web')).toBe(false);
  });

  it('applies a batch in order, so an add after a delete brings the application back', () => {
    const list = listOf([app('web', '1')]);
    const next = applyEvents(list, [event('DELETED', app('web', '2')), event('ADDED', app('web', '3'))]);
    expect(next.names).toEqual(['web']);
    expect(next.byName.get('web')?.metadata.resourceVersion).toBe('3');
  });

  it('leaves the list it was given unchanged', () => {
    const list = listOf([app('web', '1')]);
    applyEvents(list, [event('MODIFIED', app('web', '2')), event('ADDED', app('api', '1'))]);
    expect(list.names).toEqual(['web']);
    expect(list.byName.get('web')?.metadata.resourceVersion).toBe('1');
  });
});

describe('isNewer', () => {
  it('compares integer resource versions by value, not as text', () => {
    expect(isNewer(app('a', '10'), app('a', '9'))).toBe(true);
    expect(isNewer(app('a', '9'), app('a', '10'))).toBe(false);
  });

  it('takes an opaque resource version as newer', () => {
    expect(isNewer(app('a', 'x2'), app('a', 'x1'))).toBe(true);
  });
});

describe('replaceAll', () => {
  it('drops what the fresh list lacks and keeps the newer of each application', () => {
    const list = listOf([app('web', '7', 'Degraded'), app('gone', '1'), app('api', '1')]);
    const next = replaceAll(list, [app('web', '5'), app('api', '2'), app('new', '1')]);
    expect(next.names).toEqual(['api', 'new', 'web']);
    expect(next.byName.get('web')?.metadata.resourceVersion).toBe('7');
    expect(next.byName.get('api')?.metadata.resourceVersion).toBe('2');
  });
});
