// Zod-free on purpose: the parent's page imports this.

/** Bumped on any incompatible change; an older client is told to reload. 2: participants, addressed signals, seq. (Asks are additions: still 2.) */
export const PROTOCOL_VERSION = 2;

/** Which cookie the socket authenticates with: the desk's, or a join link's (parent or guest). */
export const socketKinds = ['staff', 'parent', 'guest'] as const;
export type SocketKind = (typeof socketKinds)[number];
