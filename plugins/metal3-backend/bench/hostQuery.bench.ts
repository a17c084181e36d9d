/* eslint-disable no-console */
/**
 * Micro-benchmark of the fleet query engine alone (no HTTP, no cluster): the
 * time `GET /hosts` spends filtering, counting facets, sorting and paging
 * 10,000 prepared rows. The end-to-end benchmark against the lab adds HTTP
 * and authentication on top of this.
 *
 *   yarn workspace @metal3-fleet/plugin-metal3-backend bench:query
 */
import { InMemoryClusterService } from '@metal3-fleet/plugin-metal3-node/testUtils';
import { performance } from 'node:perf_hooks';
import { HostIndex } from '../src/fleet/HostIndex';
import { parseHostQuery, runHostQuery } from '../src/fleet/hostQuery';

const HOSTS = Number(process.env.HOSTS ?? 10_000);
const RUNS = 200;
const STATES = [
  'available',
  'provisioned',
  'provisioned',
  'provisioned',
  'inspecting',
  'provisioning',
];
const VENDORS = ['Dell Inc.', 'HPE', 'Supermicro', 'Lenovo'];

const clusters = new InMemoryClusterService(['kube-dc-mgmt']);
for (let i = 0; i < HOSTS; i++) {
  const state = STATES[i % STATES.length];
  clusters.put('kube-dc-mgmt', 'baremetalhosts', {
    metadata: {
      name: `host-${i}`,
      namespace: `rack-${i % 40}`,
      uid: `u${i}`,
      resourceVersion: String(i),
      labels: { pool: i % 3 ? 'workers' : 'gpu' },
    },
    spec: {
      online: true,
      bootMACAddress: `52:54:00:00:${(i >> 8) % 256}:${i % 256}`,
      bmc: {
        address: `redfish+https://10.0.${(i >> 8) % 256}.${
          i % 256
        }/redfish/v1/Systems/1`,
      },
    },
    status: {
      provisioning: { state },
      operationalStatus: i % 97 === 0 ? 'error' : 'OK',
      ...(i % 97 === 0 && { errorType: 'registration error' }),
      poweredOn: true,
      operationHistory: {
        provision: {
          start: new Date(Date.now() - (i % 60) * 60_000).toISOString(),
        },
      },
      hardware: {
        systemVendor: { manufacturer: VENDORS[i % 4], productName: 'R650' },
        cpu: { count: 64 },
        ramMebibytes: 262144,
        nics: [{ name: 'eno1', mac: 'aa' }],
        storage: [{ sizeBytes: 1e12 }],
      },
    },
  });
}

const index = new HostIndex({
  clusters,
  ownerKey: 'owner',
  defaultOwner: 'group:default/ops',
});
const queries = [
  { limit: '50' },
  { status: 'available', limit: '50', sort: '-ram' },
  { q: 'dell -gpu', limit: '50' },
  { q: 'status:provisioned pool:workers', limit: '50', sort: 'timeInState' },
];
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const query = parseHostQuery(queries[i % queries.length]);
  const start = performance.now();
  runHostQuery(index.all(), query, new Date());
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const pct = (p: number) =>
  times[
    Math.min(times.length - 1, Math.floor((p / 100) * times.length))
  ].toFixed(1);
console.log(
  `query engine over ${HOSTS} hosts, ${RUNS} runs: p50 ${pct(50)} ms, p95 ${pct(
    95,
  )} ms, p99 ${pct(99)} ms`,
);
