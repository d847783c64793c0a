/**
 * Server-sent events as the `/events` stream writes them (the WHATWG `text/event-stream` format):
 * each event a few `field: value` lines and a blank line; a line starting with `:` a comment,
 * which clients ignore. JSON has no raw line break, so `data` is always one line.
 */

/** An event with its id (what a client sends back as `Last-Event-ID` to resume after it). */
export function eventFrame(id: string, event: string, data: unknown): string {
  return `id: ${oneLine(id)}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** An event without an id: the client's `Last-Event-ID` stays the last update's. */
export function namedFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment: keeps the connection alive through proxies, invisible to clients. */
export function commentFrame(text: string): string {
  return `: ${oneLine(text)}\n\n`;
}

/** An id or a comment never spans lines (a line break would start another field). */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
