/** Following one signed snapshot published in Redis or a file: what policies and grants both use. */
export type { SnapshotSource, SnapshotSourceEvents, SourceWatch } from './SnapshotSource';
export { followSignedSnapshots, type FollowSignedSnapshotsOptions, type SnapshotFollow, type SnapshotVerdict } from './followSignedSnapshots';
export { redisSnapshotSource, type RedisSnapshotSourceOptions } from './redisSnapshotSource';
export { fileSnapshotSource, type FileSnapshotSourceOptions } from './fileSnapshotSource';
