import {
  api,
  BMC_PASSWORD,
  CLUSTER,
  fresh,
  freshOctet,
  KEYS,
  NS,
  poolInput,
  poolMember,
  runAction,
  settlePool,
  until,
  withFreshService,
} from './portalSteps';
import { RbacLab } from './rbacLab';
import { grantsOf, Rule, rulesWithout } from './shippedRole';

export { BMC_PASSWORD } from './portalSteps';

/*
 * Every feature of the portal that reaches a cluster, run against the lab as
 * the portal's ServiceAccount. Each one throws, with the cluster's answer in
 * its message, when it does not work; each can run again and again (fresh
 * names, state put back). `needs` is what it asks of the cluster: the grants
 * of the shipped roles it uses (the test checks the lab saw exactly those).
 */

export interface Feature {
  name: string;
  needs: string[];
  /** Requests the feature expects the cluster to refuse (`verb resource`). */
  refuses?: string[];
  /** Its grants are the backend's informers' too, used in the background. */
  background?: true;
  run(lab: RbacLab): Promise<void>;
}

/** What creating a pool asks: the Cluster, the join Secret, then each object read and created. */
const POOL_CREATE_NEEDS = [
  'ClusterRole cluster.x-k8s.io clusters get',
  'Role core secrets get',
  'Role core secrets create',
  'ClusterRole ipam.metal3.io ippools get',
  'ClusterRole ipam.metal3.io ippools create',
  'ClusterRole infrastructure.cluster.x-k8s.io metal3datatemplates get',
  'ClusterRole infrastructure.cluster.x-k8s.io metal3datatemplates create',
  'ClusterRole infrastructure.cluster.x-k8s.io metal3machinetemplates get',
  'ClusterRole infrastructure.cluster.x-k8s.io metal3machinetemplates create',
  'ClusterRole infrastructure.cluster.x-k8s.io metal3remediationtemplates get',
  'ClusterRole infrastructure.cluster.x-k8s.io metal3remediationtemplates create',
  'ClusterRole cluster.x-k8s.io machinedeployments get',
  'ClusterRole cluster.x-k8s.io machinedeployments create',
  'ClusterRole cluster.x-k8s.io machinehealthchecks get',
  'ClusterRole cluster.x-k8s.io machinehealthchecks create',
];

/** The informers' reads: every kind the portal lists and watches. */
const WATCHED: Rule[] = [
  { apiGroups: ['metal3.io'], resources: ['baremetalhosts'], verbs: [] },
  { apiGroups: ['ipam.metal3.io'], resources: ['ippools'], verbs: [] },
  {
    apiGroups: ['cluster.x-k8s.io'],
    resources: [
      'machinedeployments',
      'machinesets',
      'machines',
      'machinehealthchecks',
    ],
    verbs: [],
  },
  {
    apiGroups: ['infrastructure.cluster.x-k8s.io'],
    resources: [
      'metal3machines',
      'metal3machinetemplates',
      'metal3remediations',
    ],
    verbs: [],
  },
  { apiGroups: [''], resources: ['nodes'], verbs: [] },
].map(rule => ({ ...rule, verbs: ['list', 'watch'] }));

/** What the runbook checks read besides the fleet (optional kinds). */
const RUNBOOK_READS = ['deployments', 'provider-networks'] as const;

export const FEATURES: Feature[] = [
  {
    name: 'the fleet is read: every kind the portal shows is listed and watched',
    needs: grantsOf('ClusterRole', WATCHED),
    background: true,
    run: lab =>
      withFreshService(lab, async service => {
        const { problem, connected } = service.health()[0];
        if (problem || !connected)
          throw new Error(
            `cluster ${CLUSTER}: ${problem?.message ?? 'not connected'}`,
          );
      }),
  },
  {
    name: "the runbook checks read the Metal3 controllers' Deployments and the provider networks",
    // Deployments only in the controllers' namespaces (a Role in each).
    needs: [
      'Role apps deployments list',
      'Role apps deployments watch',
      'ClusterRole kubeovn.io provider-networks list',
      'ClusterRole kubeovn.io provider-networks watch',
    ],
    background: true,
    run: lab =>
      withFreshService(lab, async service => {
        const cache = service.getCluster(CLUSTER);
        for (const resource of RUNBOOK_READS) {
          // Optional kinds: listed after the cluster counts as connected.
          await until(
            () => {
              const availability = cache.availability(resource);
              return (
                availability.available ||
                /^cannot list/.test(availability.reason)
              );
            },
            () =>
              `${resource}: ${JSON.stringify(cache.availability(resource))}`,
          );
        }
        // Watches start after the lists: give a refused watch its moment.
        await new Promise(r => setTimeout(r, 500));
        for (const resource of RUNBOOK_READS) {
          const availability = cache.availability(resource);
          if (!availability.available)
            throw new Error(`${resource}: ${availability.reason}`);
          if (availability.lastError)
            throw new Error(`${resource}: ${availability.lastError}`);
        }
        const unread = Object.entries(cache.namespaceFailures('deployments'));
        if (unread.length > 0)
          throw new Error(
            `deployments: ${unread
              .map(([ns, why]) => `${ns}: ${why}`)
              .join('; ')}`,
          );
      }),
  },
  {
    name: 'the host page shows the NIC and disk details, read live',
    needs: ['ClusterRole metal3.io baremetalhosts get'],
    run: async lab => {
      const host = await api(lab, 'GET', `/hosts/${CLUSTER}/${NS}/worker-2`);
      if (host.hardwareError) throw new Error(host.hardwareError);
      if (!host.hardwareDetails) throw new Error('no hardware details');
    },
  },
  {
    name: 'the host page counts the pods a drain would evict',
    // The same page reads the host's NIC and disk details.
    needs: [
      'ClusterRole metal3.io baremetalhosts get',
      'ClusterRole core pods list',
    ],
    run: async lab => {
      const { host: name } = poolMember(lab);
      const host = await api(lab, 'GET', `/hosts/${CLUSTER}/${NS}/${name}`);
      if (host.node?.podCount === undefined)
        throw new Error(
          `${name}: no pod count (the pods of its node were not readable)`,
        );
    },
  },
  {
    name: 'the events of a host and of a pool',
    needs: ['ClusterRole core events list'],
    run: async lab => {
      await api(lab, 'GET', `/hosts/${CLUSTER}/${NS}/worker-0/events`);
      await api(lab, 'GET', `/pools/${CLUSTER}/${NS}/kube-dc-workers/events`);
    },
  },
  {
    name: 'live BMC data of a host (its BMC Secret read server-side)',
    needs: ['Role core secrets get'],
    run: async lab => {
      const reading = await api(
        lab,
        'GET',
        `/hosts/${CLUSTER}/${NS}/worker-3/bmc?refresh=true`,
      );
      if (!reading.system || reading.errors?.length)
        throw new Error(`BMC reading: ${JSON.stringify(reading.errors)}`);
    },
  },
  {
    name: 'power off and on again',
    needs: [
      'ClusterRole metal3.io baremetalhosts get',
      'ClusterRole metal3.io baremetalhosts patch',
    ],
    run: async lab => {
      for (const action of ['power-off', 'power-on'])
        await api(
          lab,
          'POST',
          `/hosts/${CLUSTER}/${NS}/worker-4/actions/${action}`,
        );
    },
  },
  {
    name: 'maintenance: cordon and drain a node, then uncordon it',
    needs: [
      'ClusterRole core nodes get',
      'ClusterRole core nodes patch',
      'ClusterRole core pods list',
      'ClusterRole core pods/eviction create',
    ],
    run: async lab => {
      const { host: name, node } = poolMember(lab);
      // A workload on the node, for the drain to evict.
      lab.mgmt.store.create(KEYS.pod, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: fresh('app'), namespace: 'default' },
        spec: { nodeName: node, containers: [{ name: 'app', image: 'app' }] },
      });
      const { operation } = await api(
        lab,
        'POST',
        `/hosts/${CLUSTER}/${NS}/${name}/actions/maintenance-on`,
      );
      const done = await until(
        async () => {
          const { operation: now } = await api(
            lab,
            'GET',
            `/operations/${operation.id}`,
          );
          return now.state !== 'running' && now;
        },
        () => `maintenance of ${name} did not end`,
      );
      if (done.state !== 'succeeded')
        throw new Error(
          `maintenance of ${name}: ${done.error ?? JSON.stringify(done)}`,
        );
      await api(
        lab,
        'POST',
        `/hosts/${CLUSTER}/${NS}/${name}/actions/maintenance-off`,
      );
    },
  },
  {
    name: 'remove a host from its pool (REST)',
    // Host -> Metal3Machine -> Machine, read fresh; then the claim and the shrink.
    needs: [
      'ClusterRole metal3.io baremetalhosts get',
      'ClusterRole infrastructure.cluster.x-k8s.io metal3machines get',
      'ClusterRole cluster.x-k8s.io machines get',
      'ClusterRole cluster.x-k8s.io machines patch',
      'ClusterRole cluster.x-k8s.io machinedeployments get',
      'ClusterRole cluster.x-k8s.io machinedeployments patch',
    ],
    run: async lab => {
      await settlePool(lab, 'kube-dc-workers', 2);
      const { host: name } = poolMember(lab);
      const answer = await api(
        lab,
        'POST',
        `/hosts/${CLUSTER}/${NS}/${name}/actions/remove-from-pool`,
      );
      if (!answer.changed) throw new Error(`${name}: ${answer.message}`);
      await settlePool(lab, 'kube-dc-workers', 1);
    },
  },
  {
    name: 'scale a pool (REST)',
    needs: [
      'ClusterRole cluster.x-k8s.io machinedeployments get',
      'ClusterRole cluster.x-k8s.io machinedeployments patch',
    ],
    run: async lab => {
      await settlePool(lab, 'kube-dc-workers', 2);
      for (const delta of [1, -1])
        await api(
          lab,
          'POST',
          `/pools/${CLUSTER}/${NS}/kube-dc-workers/actions/scale`,
          {
            delta,
          },
        );
    },
  },
  {
    name: 'scale a ClusterClass pool through its Cluster topology (REST)',
    needs: [
      'ClusterRole cluster.x-k8s.io machinedeployments get',
      'ClusterRole cluster.x-k8s.io clusters get',
      'ClusterRole cluster.x-k8s.io clusters patch',
    ],
    run: async lab => {
      for (const delta of [1, -1])
        await api(
          lab,
          'POST',
          `/pools/${CLUSTER}/${NS}/apps-md-0-h7k2w/actions/scale`,
          {
            delta,
          },
        );
    },
  },
  {
    name: 'enroll a host (template)',
    // Creates first; reads only what already exists (a 409).
    needs: [
      'Role core secrets create',
      'ClusterRole metal3.io baremetalhosts create',
    ],
    run: async lab => {
      const name = fresh('enrolled');
      const octet = freshOctet();
      await runAction(
        lab,
        'metal3:host:enroll',
        {
          cluster: CLUSTER,
          namespace: NS,
          name,
          bmcAddress: `redfish+https://127.100.249.${octet}/redfish/v1/Systems/1`,
          bmcUsername: 'admin',
          bootMACAddress: `52:54:00:ee:00:${octet
            .toString(16)
            .padStart(2, '0')}`,
          preflight: false,
        },
        { bmcPassword: BMC_PASSWORD },
      );
    },
  },
  {
    name: 'decommission a host: out of the fleet with its BMC Secret (template)',
    needs: [
      'ClusterRole metal3.io baremetalhosts get',
      'ClusterRole metal3.io baremetalhosts patch',
      'ClusterRole metal3.io baremetalhosts delete',
      'ClusterRole metal3.io baremetalhosts list',
      'Role core secrets get',
      'Role core secrets delete',
    ],
    run: async lab => {
      const name = fresh('retired');
      const octet = freshOctet();
      const secret = `${name}-bmc-secret`;
      lab.mgmt.store.create(KEYS.secret, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: secret,
          namespace: NS,
          labels: { 'app.kubernetes.io/managed-by': 'backstage-metal3' },
        },
        data: {
          username: Buffer.from('admin').toString('base64'),
          password: Buffer.from(BMC_PASSWORD).toString('base64'),
        },
      });
      lab.mgmt.store.create(KEYS.bmh, {
        apiVersion: 'metal3.io/v1alpha1',
        kind: 'BareMetalHost',
        metadata: { name, namespace: NS },
        spec: {
          online: false,
          bootMACAddress: `52:54:00:ef:00:${octet
            .toString(16)
            .padStart(2, '0')}`,
          bmc: {
            address: `redfish+https://127.100.248.${octet}/redfish/v1/Systems/1`,
            credentialsName: secret,
          },
        },
      });
      // The portal knows a host once its watch has seen it.
      await until(
        () =>
          api(lab, 'GET', `/hosts/${CLUSTER}/${NS}/${name}`).then(
            () => true,
            () => false,
          ),
        () => `${name} did not reach the portal`,
      );
      await runAction(lab, 'metal3:host:remove', {
        cluster: CLUSTER,
        namespace: NS,
        host: name,
        decommission: true,
      });
      if (lab.mgmt.store.get(KEYS.secret, NS, secret))
        throw new Error(`the BMC Secret ${secret} was kept`);
    },
  },
  {
    name: 'create a worker pool (template)',
    needs: POOL_CREATE_NEEDS,
    run: async lab => {
      await runAction(lab, 'metal3:pool:create', poolInput(lab, fresh('pool')));
    },
  },
  {
    name: 'a pool the cluster refuses half-way leaves nothing behind (template)',
    refuses: ['create machinehealthchecks'],
    needs: [
      ...POOL_CREATE_NEEDS.filter(
        g => g !== 'ClusterRole cluster.x-k8s.io machinehealthchecks create',
      ),
      'ClusterRole ipam.metal3.io ippools delete',
      'ClusterRole infrastructure.cluster.x-k8s.io metal3datatemplates delete',
      'ClusterRole infrastructure.cluster.x-k8s.io metal3machinetemplates delete',
      'ClusterRole infrastructure.cluster.x-k8s.io metal3remediationtemplates delete',
      'ClusterRole cluster.x-k8s.io machinedeployments delete',
      'Role core secrets delete',
    ],
    run: async lab => {
      // The cluster refuses the last object: here the health check, as a
      // ClusterRole without it would (the rest of the role as it is now).
      const clusterRole = lab.roles.find(r => r.kind === 'ClusterRole')!;
      const rules = lab.currentRules(clusterRole);
      lab.setRules(
        clusterRole,
        rulesWithout(
          'ClusterRole',
          rules,
          'ClusterRole cluster.x-k8s.io machinehealthchecks create',
        ),
      );
      const name = fresh('refused');
      let refusal: Error | undefined;
      try {
        await runAction(lab, 'metal3:pool:create', poolInput(lab, name));
      } catch (error) {
        refusal = error as Error;
      } finally {
        lab.setRules(clusterRole, rules);
      }
      if (!refusal || /Could not roll back/.test(refusal.message))
        throw refusal ?? new Error('the pool was created after all');
      const left = lab.mgmt.store
        .list(KEYS.md, { namespace: NS })
        .filter(md => md.metadata.name === name);
      if (left.length > 0) throw new Error(`${name} was left behind`);
    },
  },
  {
    name: 'upgrade a pool to a new image (template)',
    needs: [
      'ClusterRole cluster.x-k8s.io machinedeployments get',
      'ClusterRole cluster.x-k8s.io machinedeployments patch',
      'ClusterRole infrastructure.cluster.x-k8s.io metal3machinetemplates get',
      'ClusterRole infrastructure.cluster.x-k8s.io metal3machinetemplates create',
    ],
    run: async lab => {
      const image = fresh('ubuntu-24.04-rke2');
      await runAction(lab, 'metal3:pool:upgrade', {
        cluster: CLUSTER,
        namespace: NS,
        pool: 'kube-dc-workers',
        image: {
          url: `http://images.lab/${image}.qcow2`,
          checksum: `http://images.lab/${image}.qcow2.sha256sum`,
          checksumType: 'sha256',
          format: 'qcow2',
        },
        kubernetesVersion: 'v1.34.1+rke2r1',
        waitForRollout: false,
      });
    },
  },
  {
    name: "set the workers' trunk NICs in the Kube-OVN provider network (template)",
    // Each member's trunk NIC from its BareMetalHost, read live.
    needs: [
      'ClusterRole metal3.io baremetalhosts get',
      'ClusterRole kubeovn.io provider-networks get',
      'ClusterRole kubeovn.io provider-networks patch',
    ],
    run: async lab => {
      // As seeded: no node listed yet, so the update has something to write.
      const network = lab.mgmt.store.get(
        KEYS.providerNetwork,
        undefined,
        'trunk',
      )!;
      network.spec.customInterfaces = [{ interface: 'ens1f0', nodes: [] }];
      delete network.metadata.resourceVersion;
      lab.mgmt.store.update(KEYS.providerNetwork, network);
      await settlePool(lab, 'kube-dc-workers', 2);
      await runAction(lab, 'metal3:provider-network:update', {
        cluster: CLUSTER,
        providerNetwork: 'trunk',
        namespace: NS,
        pool: 'kube-dc-workers',
      });
    },
  },
];
