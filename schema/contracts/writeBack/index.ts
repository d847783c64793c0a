/** The write-back exchange between the service platform and the departments that own the facts: events, keys, seals, routes, streams. */
export * from './WriteBackEvent';
export * from './writeBackKeys';
export { sealWriteBack, WRITE_BACK_SIGNATURE_TYPE } from './sealWriteBack';
export { openWriteBack, type OpenedWriteBack } from './openWriteBack';
export * from './writeBackRoutes';
export * from './writeBackStreams';
export { followStreamGroup, type FollowStreamGroupOptions, type StreamEntry, type StreamGroupFollow } from './redis/followStreamGroup';
export { publishOutcome, publishWriteBack, sealedOfEntry } from './redis/publishToStreams';
