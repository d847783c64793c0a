/** One frame of a `text/event-stream`: an event (its fields) or a comment. */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

export interface SseConnection {
  status: number;
  headers: Headers;
  /** Every frame received so far, in order. */
  frames: SseFrame[];
  /** The first frame from position `from` on (default: the next not yet taken) that `matches`; rejects after `timeoutMs`. */
  next(matches?: (frame: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>;
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Parses `text/event-stream` blocks (separated by a blank line) into frames. */
function framesOf(block: string): SseFrame | undefined {
  const frame: SseFrame = {};
  let any = false;
  for (const line of block.split('\n')) {
    if (line === '') continue;
    any = true;
    if (line.startsWith(':')) {
      frame.comment = line.slice(1).trim();
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id' || field === 'event') frame[field] = value;
    if (field === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
  }
  return any ? frame : undefined;
}

/**
 * Opens a server-sent-events stream with fetch (as a client that sends headers does) and reads it
 * as it comes. A refusal (any status but 200) is returned with its body in `frames` empty.
 */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection & { body?: unknown }> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const frames: SseFrame[] = [];
  let taken = 0;
  const waiting = new Set<() => void>();
  const notify = () => waiting.forEach((wake) => wake());
  if (response.status !== 200) {
    const body = await response.json().catch(() => undefined);
    return { status: response.status, headers: response.headers, frames, body, next: () => Promise.reject(new Error('refused')), ended: Promise.resolve(), close: () => {} };
  }
  let finished = false;
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = framesOf(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (frame) frames.push(frame);
        }
        notify();
      }
    } catch {
      // Aborted by close().
    } finally {
      finished = true;
      notify();
    }
  })();
  return {
    status: response.status,
    headers: response.headers,
    frames,
    ended,
    next(matches = () => true, timeoutMs = 5000) {
      return new Promise<SseFrame>((resolve, reject) => {
        const check = () => {
          for (let i = taken; i < frames.length; i++) {
            if (matches(frames[i])) {
              taken = i + 1;
              cleanup();
              resolve(frames[i]);
              return;
            }
          }
          if (finished) {
            cleanup();
            reject(new Error(`the stream ended without the frame awaited (received: ${JSON.stringify(frames)})`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no such frame within ${timeoutMs} ms (received: ${JSON.stringify(frames)})`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiting.delete(check);
        };
        waiting.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}

/** An `application-update` frame's data, parsed. */
export function updateOf(frame: SseFrame): Record<string, any> {
  return JSON.parse(frame.data ?? 'null') as Record<string, any>;
}
