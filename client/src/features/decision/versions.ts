import type { Decision } from '@desk/shared';

/**
 * The case's versions newest first, whatever order the server used, including a version this page
 * just signed that a reload has not brought back yet (its predecessor is then marked superseded).
 */
export function mergeVersions(fromServer: readonly Decision[], justSigned: Decision | null): Decision[] {
  const versions = [...fromServer];
  if (justSigned && !versions.some((v) => v.id === justSigned.id)) {
    versions.push(justSigned);
    const index = versions.findIndex((v) => v.id === justSigned.supersedesId && v.supersededById === null);
    const predecessor = versions[index];
    if (predecessor) versions[index] = { ...predecessor, supersededById: justSigned.id };
  }
  return versions.sort((a, b) => b.version - a.version);
}
