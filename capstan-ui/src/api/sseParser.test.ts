import { describe, expect, it } from 'vitest';
import { parseEvent } from './applicationStream';
import { reconnectDelay } from './reconnectDelay';
import { SseParser } from './sseParser';

describe('SseParser', () => {
  it('returns the data of each event once its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('data: {"a":1}\n')).toEqual([]);
    expect(parser.push('\ndata: {"b":2}\n\n')).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('joins an event split across chunks anywhere, even inside a CRLF', () => {
    const parser = new SseParser();
    const text = 'data: first\r\n\r\ndata: sec';
    const events = [...parser.push(text.slice(0, 12)), ...parser.push(text.slice(12)), ...parser.push('ond\r\n\r\n')];
    expect(events).toEqual(['first', 'second']);
  });

  it('skips keep-alive comments and other fields, and joins data lines', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\n\nevent: x\nid: 3\ndata: one\ndata: two\n\n')).toEqual(['one\ntwo']);
  });
});

describe('parseEvent', () => {
  it('reads the watch event of the data', () => {
    const event = parseEvent('{"result":{"type":"MODIFIED","application":{"metadata":{"name":"web"},"spec":{"destination":{}}}}}');
    expect(event?.type).toBe('MODIFIED');
    expect(event?.application.metadata.name).toBe('web');
  });

  it('ignores data that is not a watch event', () => {
    expect(parseEvent('not json')).toBeUndefined();
    expect(parseEvent('{"result":{"type":"BOOKMARK","application":{"metadata":{"name":"x"}}}}')).toBeUndefined();
  });
});

describe('reconnectDelay', () => {
  it('doubles from one second up to thirty', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 6, 20].map((n) => reconnectDelay(n, noJitter))).toEqual([1000, 2000, 4000, 30000, 30000]);
  });

  it('adds at most a fifth at random', () => {
    expect(reconnectDelay(1, () => 0.999)).toBeLessThanOrEqual(1200);
  });
});
