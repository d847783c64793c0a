import type { AuditRecord, AuditSink } from '../../gateway/audit';

/** An audit store in memory that works until told to fail (a read-only file system), and can hold its next append until released. */
export class SwitchableAuditSink implements AuditSink {
  readonly description = 'switchable test sink';
  records: AuditRecord[] = [];
  failing = false;
  private held: { started: () => void; release: Promise<void> } | undefined;

  async recover() {
    return { last: null, head: null, torn: null };
  }

  async dropTorn() {}

  async append(records: readonly AuditRecord[]) {
    if (this.failing) throw new Error('EROFS: read-only file system');
    const held = this.held;
    this.held = undefined;
    if (held) {
      held.started();
      await held.release;
    }
    this.records.push(...records);
  }

  async check() {
    if (this.failing) throw new Error('EROFS: read-only file system');
  }

  async close() {}

  /** The next append waits for `release`; resolves once it has started. */
  holdNext(release: Promise<void>): Promise<void> {
    return new Promise((started) => (this.held = { started, release }));
  }
}
