import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Metal3Client, metal3ApiRef } from '../../../api';
import { testRoutes } from '../../../testUtils/routes';

/** Where the msw handlers of the component tests answer as `/api/metal3`. */
export const MSW_BASE = 'http://backend/api/metal3';

/**
 * Renders a component with the real Metal3Client talking to msw, at
 * `location` inside a route of `path`, with the plugin's routes mounted as in
 * an app: requests, answers and links go the way they go in the portal.
 */
export function renderWithMsw(
  element: ReactElement,
  { path = '/', location = '/' }: { path?: string; location?: string } = {},
) {
  const client = new Metal3Client({
    discoveryApi: { getBaseUrl: async () => MSW_BASE },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  return renderInTestApp(
    <TestApiProvider apis={[[metal3ApiRef, client]]}>
      <Routes>
        <Route path={path} element={element} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: [location], mountedRoutes: testRoutes() },
  );
}
