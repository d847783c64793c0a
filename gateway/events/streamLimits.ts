/** Which limit refused a stream: the reader's own, or the instance's for everyone. */
export type StreamLimit = 'reader' | 'gateway';

/**
 * How many `/events` streams are open on this instance, per reader (token `sub`) and in all.
 * `take` counts a stream in, or says which limit refuses it; `release` counts it out.
 */
export class StreamLimits {
  private readonly perReader = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly maxPerReader: number,
    private readonly maxTotal: number,
  ) {}

  get open(): number {
    return this.total;
  }

  take(reader: string): StreamLimit | null {
    const held = this.perReader.get(reader) ?? 0;
    if (held >= this.maxPerReader) return 'reader';
    if (this.total >= this.maxTotal) return 'gateway';
    this.perReader.set(reader, held + 1);
    this.total++;
    return null;
  }

  release(reader: string): void {
    const held = this.perReader.get(reader) ?? 0;
    if (held <= 0) return;
    if (held === 1) this.perReader.delete(reader);
    else this.perReader.set(reader, held - 1);
    this.total--;
  }

  max(limit: StreamLimit): number {
    return limit === 'reader' ? this.maxPerReader : this.maxTotal;
  }
}
