import type { UnenrolledServer } from './startLab';

/**
 * How `yarn lab` prints a racked, not enrolled server, and how a program
 * that started it (startLabProcess) reads it back: one line each.
 */
export function unenrolledLine(server: UnenrolledServer): string {
  return `Racked, not enrolled: ${server.address} user ${server.username} boot MAC ${server.bootMACAddress}`;
}

/** @public */
export function parseUnenrolledLines(output: string): UnenrolledServer[] {
  return [
    ...output.matchAll(
      /Racked, not enrolled: (\S+) user (\S+) boot MAC ([0-9a-f:]+)/g,
    ),
  ].map(([, address, username, bootMACAddress]) => ({
    address,
    username,
    bootMACAddress,
  }));
}
