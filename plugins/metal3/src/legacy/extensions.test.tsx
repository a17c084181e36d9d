import { FlatRoutes } from '@backstage/core-app-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router-dom';
import { metal3ApiRef } from '../api';
import { scaffolderTemplateRouteRef } from '../routes';
import { fakeMetal3Api, metal3Entity } from '../testUtils/fakeMetal3Api';
import { testRoutes } from '../testUtils/routes';
import {
  EntityMetal3ClusterContent,
  EntityMetal3HostBmcContent,
  EntityMetal3HostStatusCard,
  EntityMetal3PoolStatusCard,
  Metal3Page,
} from './extensions';
import { metal3Plugin } from './plugin';

// An app on the legacy frontend system mounts the page where it likes (here
// /fleet, not /metal3) and binds the template route to wherever its
// scaffolder is (here /self-service): every link must follow.

// The page and cards load lazily (as in an app): the first render of a test
// file waits for the modules.
const LOAD = { timeout: 10_000 };
const TEST_TIMEOUT = 20_000;

const apis = [
  [metal3ApiRef, fakeMetal3Api],
  [permissionApiRef, mockApis.permission()],
] as const;

const href = (name: string | RegExp) =>
  screen.getByRole('link', { name }).getAttribute('href');

/** The page as an App.tsx places it, and the scaffolder where `routes` say. */
function renderPage(path: string, routes: Record<string, any> = {}) {
  return renderInTestApp(
    <TestApiProvider apis={apis}>
      <FlatRoutes>
        <Route path="/fleet" element={<Metal3Page />} />
      </FlatRoutes>
    </TestApiProvider>,
    { routeEntries: [path], mountedRoutes: routes },
  );
}

function renderForEntity(element: JSX.Element, entity: object, routes = {}) {
  return renderInTestApp(
    <TestApiProvider apis={apis}>
      <EntityProvider entity={entity as any}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: routes },
  );
}

describe('legacy frontend system', () => {
  it('declares the page routes and the template route an app binds', () => {
    expect(metal3Plugin.getId()).toBe('metal3');
    expect(Object.keys(metal3Plugin.routes)).toEqual([
      'fleet',
      'host',
      'pool',
      'cluster',
      'approvals',
      'approval',
      'images',
    ]);
    expect(metal3Plugin.externalRoutes.scaffolderTemplate).toBe(
      scaffolderTemplateRouteRef,
    );
  });

  it(
    'Metal3Page mounted at /fleet serves the host page, linking below /fleet',
    async () => {
      await renderPage('/fleet/hosts/kube-dc-mgmt/metal3/worker-0');
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

  it(
    'Metal3Page at /fleet: the fleet table links hosts and pools below /fleet',
    async () => {
      await renderPage('/fleet');
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
      expect(
        within(table).getByRole('link', { name: 'kube-dc-mgmt' }),
      ).toHaveAttribute('href', '/fleet/clusters/kube-dc-mgmt');
    },
    TEST_TIMEOUT,
  );

  it(
    'Metal3Page at /fleet: the pool page opens templates through the bound route',
    async () => {
      await renderPage('/fleet/pools/kube-dc-mgmt/metal3/kube-dc-workers', {
        '/self-service/templates/:namespace/:templateName':
          scaffolderTemplateRouteRef,
      });
      const scale = (await screen.findByText('Scale', {}, LOAD)).closest('a')!;
      expect(scale.getAttribute('href')).toMatch(
        /^\/self-service\/templates\/default\/metal3-scale-pool\?formData=/,
      );
      expect(href('remove worker-0')).toMatch(
        /^\/self-service\/templates\/default\/metal3-remove-host\?formData=/,
      );
      expect(href('worker-0')).toBe(
        '/fleet/hosts/kube-dc-mgmt/metal3/worker-0',
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'Metal3Page: without a bound template route the pool page says what to bind',
    async () => {
      await renderPage('/fleet/pools/kube-dc-mgmt/metal3/kube-dc-workers');
      const scale = (await screen.findByText('Scale', {}, LOAD)).closest('a')!;
      expect(scale).toHaveAttribute('aria-disabled', 'true');
      await userEvent.hover(scale.parentElement!);
      expect(await screen.findByRole('tooltip')).toHaveTextContent(
        /bound the metal3 plugin's external route scaffolderTemplate/,
      );
      expect(screen.getByText('Remove…')).toHaveAttribute(
        'title',
        expect.stringMatching(/external route scaffolderTemplate/),
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'the host card links to the host page wherever it is mounted',
    async () => {
      await renderForEntity(
        <EntityMetal3HostStatusCard />,
        metal3Entity('baremetal-host', 'worker-0'),
        testRoutes('/fleet'),
      );
      expect(
        await screen.findByText('Provisioned', {}, LOAD),
      ).toBeInTheDocument();
      expect(href('open host page')).toBe(
        '/fleet/hosts/kube-dc-mgmt/metal3/worker-0',
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'the host card still shows the live state in an app without the page',
    async () => {
      await renderForEntity(
        <EntityMetal3HostStatusCard />,
        metal3Entity('baremetal-host', 'worker-0'),
      );
      expect(
        await screen.findByText('Provisioned', {}, LOAD),
      ).toBeInTheDocument();
      expect(screen.queryByText('open host page')).not.toBeInTheDocument();
    },
    TEST_TIMEOUT,
  );

  it(
    'the pool card links to the pool page',
    async () => {
      await renderForEntity(
        <EntityMetal3PoolStatusCard />,
        metal3Entity('worker-pool', 'kube-dc-workers'),
        testRoutes('/fleet'),
      );
      expect(
        await screen.findByText('open pool page', {}, LOAD),
      ).toHaveAttribute(
        'href',
        '/fleet/pools/kube-dc-mgmt/metal3/kube-dc-workers',
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'the cluster content links its hosts to the fleet page, filtered',
    async () => {
      await renderForEntity(
        <EntityMetal3ClusterContent />,
        {
          ...metal3Entity('kubernetes-cluster', 'kube-dc-mgmt'),
          metadata: {
            name: 'kube-dc-mgmt',
            annotations: { 'backstage.io/kubernetes-cluster': 'kube-dc-mgmt' },
          },
        },
        testRoutes('/fleet'),
      );
      expect(
        await screen.findByRole('link', { name: 'kube-dc-workers' }, LOAD),
      ).toHaveAttribute(
        'href',
        '/fleet/pools/kube-dc-mgmt/metal3/kube-dc-workers',
      );
      expect(screen.getByRole('link', { name: '2' })).toHaveAttribute(
        'href',
        '/fleet?cluster=kube-dc-mgmt',
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'the BMC content shows what the BMC reports',
    async () => {
      await renderForEntity(
        <EntityMetal3HostBmcContent />,
        metal3Entity('baremetal-host', 'worker-0'),
      );
      expect(
        await screen.findByText(/PowerEdge R650/, {}, LOAD),
      ).toBeInTheDocument();
    },
    TEST_TIMEOUT,
  );
});
