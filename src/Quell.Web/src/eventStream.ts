// Server-Sent Events read with fetch, so the API key travels in a header (EventSource cannot send one). A dropped
// stream is reopened with backoff from the last stored event's id: nothing is lost, nothing is seen twice.

import { authHeaders } from './api';
import { connection } from './connection';

export interface StreamedEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface EventStreamOptions {
  onEvent: (event: StreamedEvent) => void;
  /** The server ended the stream on purpose (a job's stream ends after its terminal event). */
  onEnd?: () => void;
  onError?: (error: Error) => void;
}

const maxBackoffMs = 10_000;

export class EventStream {
  private lastEventId: string | null = null;
  private readonly controller = new AbortController();
  private attempt = 0;

  constructor(
    private readonly url: string,
    private readonly options: EventStreamOptions,
  ) {
    void this.run();
  }

  close(): void {
    this.controller.abort();
  }

  private async run(): Promise<void> {
    while (!this.controller.signal.aborted) {
      try {
        const ended = await this.readOnce();
        if (ended) {
          this.options.onEnd?.();
          return;
        }
      } catch (error) {
        if (this.controller.signal.aborted) return;
        const fatal = error instanceof FatalStreamError;
        connection.report(false);
        this.options.onError?.(error as Error);
        if (fatal) return;
      }
      // Backoff: 0.5 s, 1 s, 2 s … 10 s, with jitter so many tabs do not return at once.
      const delay = Math.min(maxBackoffMs, 500 * 2 ** this.attempt++) * (0.75 + Math.random() * 0.5);
      await sleep(delay, this.controller.signal);
    }
  }

  /** True when the server closed the stream after a complete response; throws when it dropped. */
  private async readOnce(): Promise<boolean> {
    const headers: Record<string, string> = { Accept: 'text/event-stream', ...authHeaders() };
    if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
    const response = await fetch(this.url, { headers, signal: this.controller.signal });
    if (!response.ok || !response.body) {
      const text = await response.text().catch(() => '');
      // 4xx will not get better by retrying; 5xx (a restarting server) may.
      const error = response.status >= 400 && response.status < 500 ? new FatalStreamError(response.status, text) : new Error(`HTTP ${response.status}`);
      throw error;
    }
    connection.report(true);
    this.attempt = 0;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let sawEnd = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let boundary: number;
      while ((boundary = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
        const parsed = parseBlock(block);
        if (!parsed) continue;
        if (parsed.id) this.lastEventId = parsed.id;
        this.options.onEvent(parsed);
      }
    }
    sawEnd = true;
    return sawEnd;
  }
}

export class FatalStreamError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`The stream was refused (HTTP ${status}).`);
  }
}

function parseBlock(block: string): StreamedEvent | null {
  let id: string | null = null;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? null : { id, event, data: data.join('\n') };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
