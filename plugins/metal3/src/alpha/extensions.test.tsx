import {
  coreExtensionData,
  FrontendFeature,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { metal3ApiRef } from '../api';
import { fleetRouteRef } from '../routes';
import { fakeMetal3Api, metal3Entity } from '../testUtils/fakeMetal3Api';
import { testRoutes } from '../testUtils/routes';
import {
  clusterContent,
  fleetPage,
  hostBmcContent,
  hostStatusCard,
  poolStatusCard,
} from './extensions';
import { metal3Plugin } from './plugin';

// The new frontend system: the page goes where the app's config puts it
// (here /fleet, not /metal3), and every link of the page and the entity
// extensions follows through the route refs.

// The page and cards load lazily (as in an app): the first render of a test
// file waits for the modules.
const LOAD = { timeout: 10_000 };
const TEST_TIMEOUT = 20_000;

const apis = [[metal3ApiRef, fakeMetal3Api], mockApis.permission()] as const;

const hostEntity = metal3Entity('baremetal-host', 'worker-0');
const poolEntity = metal3Entity('worker-pool', 'kube-dc-workers');
const clusterEntity = {
  ...metal3Entity('kubernetes-cluster', 'kube-dc-mgmt'),
  metadata: {
    name: 'kube-dc-mgmt',
    annotations: { 'backstage.io/kubernetes-cluster': 'kube-dc-mgmt' },
  },
};

const href = (name: string) =>
  screen.getByRole('link', { name }).getAttribute('href');

describe('page:metal3', () => {
  it('mounts at /metal3 unless the app configures another path', () => {
    expect(
      createExtensionTester(fleetPage).get(coreExtensionData.routePath),
    ).toBe('/metal3');
    const moved = createExtensionTester(fleetPage, {
      config: { path: '/fleet' },
    });
    expect(moved.get(coreExtensionData.routePath)).toBe('/fleet');
    expect(moved.get(coreExtensionData.routeRef)).toBe(fleetRouteRef);
  });

  it(
    'renders the host page below the configured path, with links below it',
    async () => {
      const page = createExtensionTester(fleetPage, {
        config: { path: '/fleet' },
      }).reactElement();
      renderInTestApp(page, {
        apis,
        mountPath: '/fleet',
        initialRouteEntries: ['/fleet/hosts/kube-dc-mgmt/metal3/worker-0'],
        mountedRoutes: { '/fleet': fleetRouteRef },
      });
      expect(
        await screen.findByRole('heading', { name: 'worker-0' }, LOAD),
      ).toBeInTheDocument();
      expect(href('kube-dc-workers')).toBe(
        '/fleet/pools/kube-dc-mgmt/metal3/kube-dc-workers',
      );
      expect(href('kube-dc-mgmt')).toBe('/fleet/clusters/kube-dc-mgmt');
    },
    TEST_TIMEOUT,
  );
});

describe('the plugin in an app', () => {
  const features: FrontendFeature[] = [metal3Plugin];
  const config = {
    app: {
      baseUrl: 'http://localhost:3000',
      extensions: [{ 'page:metal3': { config: { path: '/fleet' } } }],
    },
    backend: { baseUrl: 'http://localhost:7007' },
  };

  it(
    'serves the fleet at the configured path, its table linking below it',
    async () => {
      renderTestApp({
        features,
        config,
        apis,
        initialRouteEntries: ['/fleet'],
      });
      const table = await screen.findByRole(
        'table',
        { name: 'bare-metal hosts' },
        LOAD,
      );
      expect(
        await within(table).findByRole('link', { name: 'worker-0' }),
      ).toHaveAttribute('href', '/fleet/hosts/kube-dc-mgmt/metal3/worker-0');
      expect(
        within(table).getByRole('link', { name: 'kube-dc-workers' }),
      ).toHaveAttribute(
        'href',
        '/fleet/pools/kube-dc-mgmt/metal3/kube-dc-workers',
      );
    },
    TEST_TIMEOUT,
  );

  it(
    "links a host entity's live status card to the page at the configured path",
    async () => {
      renderTestApp({
        features,
        config,
        apis,
        extensions: [createTestEntityPage({ entity: hostEntity })],
      });
      expect(
        await screen.findByText('open host page', {}, LOAD),
      ).toHaveAttribute('href', '/fleet/hosts/kube-dc-mgmt/metal3/worker-0');
    },
    TEST_TIMEOUT,
  );
});

/** Which of the entities an extension's filter lets it show on. */
function shownOn(
  extension:
    | typeof hostStatusCard
    | typeof poolStatusCard
    | typeof hostBmcContent
    | typeof clusterContent,
  entities: object[],
): boolean[] {
  const filter = createExtensionTester(extension as typeof hostStatusCard).get(
    EntityCardBlueprint.dataRefs.filterFunction,
  );
  if (!filter) throw new Error('the extension has no entity filter');
  return entities.map(entity => filter(entity as Entity));
}

describe('entity-card:metal3/host-status and pool-status', () => {
  it('show on host and pool entities only', () => {
    expect(shownOn(hostStatusCard, [hostEntity, poolEntity])).toEqual([
      true,
      false,
    ]);
    expect(shownOn(poolStatusCard, [hostEntity, poolEntity])).toEqual([
      false,
      true,
    ]);
  });

  it(
    'link to the host and pool pages where the app mounted them',
    async () => {
      for (const [card, entity, link, target] of [
        [
          hostStatusCard,
          hostEntity,
          'open host page',
          '/fleet/hosts/kube-dc-mgmt/metal3/worker-0',
        ],
        [
          poolStatusCard,
          poolEntity,
          'open pool page',
          '/fleet/pools/kube-dc-mgmt/metal3/kube-dc-workers',
        ],
      ] as const) {
        const { unmount } = renderInTestApp(
          <EntityProvider entity={entity as any}>
            {createExtensionTester(
              card as typeof hostStatusCard,
            ).reactElement()}
          </EntityProvider>,
          { apis, mountedRoutes: testRoutes('/fleet') },
        );
        expect(await screen.findByText(link, {}, LOAD)).toHaveAttribute(
          'href',
          target,
        );
        unmount();
      }
    },
    TEST_TIMEOUT,
  );
});

describe('entity-content:metal3/host-bmc and cluster-bare-metal', () => {
  it('are the BMC tab of hosts and the bare-metal tab of clusters', () => {
    const bmc = createExtensionTester(hostBmcContent);
    expect(bmc.get(coreExtensionData.routePath)).toBe('bmc');
    expect(bmc.get(EntityContentBlueprint.dataRefs.title)).toBe('BMC');
    expect(shownOn(hostBmcContent, [hostEntity, clusterEntity])).toEqual([
      true,
      false,
    ]);
    const cluster = createExtensionTester(clusterContent);
    expect(cluster.get(coreExtensionData.routePath)).toBe('bare-metal');
    expect(shownOn(clusterContent, [hostEntity, clusterEntity])).toEqual([
      false,
      true,
    ]);
  });

  it(
    'the cluster tab links its hosts and pools to the page where the app mounted it',
    async () => {
      renderInTestApp(
        <EntityProvider entity={clusterEntity as any}>
          {createExtensionTester(clusterContent).reactElement()}
        </EntityProvider>,
        { apis, mountedRoutes: testRoutes('/fleet') },
      );
      expect(
        await screen.findByRole('link', { name: 'kube-dc-workers' }, LOAD),
      ).toHaveAttribute(
        'href',
        '/fleet/pools/kube-dc-mgmt/metal3/kube-dc-workers',
      );
      expect(href('2')).toBe('/fleet?cluster=kube-dc-mgmt');
    },
    TEST_TIMEOUT,
  );

  it(
    'the BMC tab shows what the BMC reports',
    async () => {
      renderInTestApp(
        <EntityProvider entity={hostEntity as any}>
          {createExtensionTester(hostBmcContent).reactElement()}
        </EntityProvider>,
        { apis },
      );
      expect(
        await screen.findByText(/PowerEdge R650/, {}, LOAD),
      ).toBeInTheDocument();
    },
    TEST_TIMEOUT,
  );
});
