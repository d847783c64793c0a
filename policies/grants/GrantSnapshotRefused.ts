/**
 * The grant store holds a snapshot a follower will not put in force (not signed by the
 * catalog's key, or older than the version in force): reported like a store that cannot be
 * read, while the grants in force stay.
 */
export class GrantSnapshotRefused extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'GrantSnapshotRefused';
  }
}
