/** What the pool capacity bar draws and says. */
export interface PoolCapacityFigures {
  /** Hosts claimed by the pool's machines. */
  members: number;
  /** Members whose machine is ready. */
  ready: number;
  notReady: number;
  /** Available hosts matching the pool's host selector: what a scale-up can take. */
  free: number;
  /** The pool's desired replicas. */
  wanted: number;
  /** Hosts missing to reach `wanted` even with every free matching host. */
  shortBy: number;
  /** One sentence on where the pool stands. */
  verdict: string;
  severity: 'ok' | 'info' | 'warning';
}

const hosts = (n: number) => `${n} host${n === 1 ? '' : 's'}`;

/**
 * Reads a pool's capacity: its members (ready or not), the free hosts that
 * match its selector, the replicas it wants. Pure.
 */
export function poolCapacity(pool: {
  members: unknown[];
  readyReplicas: number;
  freeMatchingHosts: number;
  desiredReplicas: number;
}): PoolCapacityFigures {
  const members = pool.members.length;
  // Ready counts machines; a member is one host per machine.
  const ready = Math.min(Math.max(pool.readyReplicas, 0), members);
  const free = Math.max(pool.freeMatchingHosts, 0);
  const wanted = Math.max(pool.desiredReplicas, 0);
  const shortBy = Math.max(0, wanted - members - free);
  const figures = { members, ready, notReady: members - ready, free, wanted };

  if (members === 0 && free === 0 && wanted === 0) {
    return {
      ...figures,
      shortBy,
      severity: 'info',
      verdict: 'Empty: no member, no free matching host, no replica wanted.',
    };
  }
  if (shortBy > 0) {
    return {
      ...figures,
      shortBy,
      severity: 'warning',
      verdict: `Short by ${hosts(shortBy)}: it wants ${wanted} and only ${
        members + free
      } are members or free matching hosts. Enroll hosts that match its selector, or free some.`,
    };
  }
  if (members < wanted) {
    return {
      ...figures,
      shortBy,
      severity: 'info',
      verdict: `Growing by ${hosts(
        wanted - members,
      )} from the free matching ones.`,
    };
  }
  if (members > wanted) {
    return {
      ...figures,
      shortBy,
      severity: 'info',
      verdict: `Shrinking: ${hosts(members - wanted)} to leave the pool.`,
    };
  }
  return {
    ...figures,
    shortBy,
    severity: 'ok',
    verdict: `At its wanted size; ${hosts(free)} free for a scale-up.`,
  };
}
