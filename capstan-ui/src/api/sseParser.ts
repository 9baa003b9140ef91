/**
 * Splits a server-sent events stream, fed in chunks as they arrive, into the `data` of each
 * event. Comment lines (the server's keep-alives) and fields other than `data` are ignored;
 * an event's several `data` lines are joined with newlines, as the EventSource standard says.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];

  /** The data of the events that `chunk` completes. */
  push(chunk: string): string[] {
    this.buffer += chunk;
    const events: string[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      if (this.buffer[newline] === '\r' && width === 1 && newline === this.buffer.length - 1) {
        break; // a lone \r at the end may be the first half of \r\n
      }
      this.buffer = this.buffer.slice(newline + width);
      this.takeLine(line, events);
    }
    return events;
  }

  private takeLine(line: string, events: string[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push(this.data.join('\n'));
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
  }
}
