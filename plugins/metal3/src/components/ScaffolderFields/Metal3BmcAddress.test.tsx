import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { SecretsContextProvider } from '@backstage/plugin-scaffolder-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  BmcPreflightRequest,
  BmcPreflightResponse,
} from '@metal3-fleet/plugin-metal3-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Metal3Client, metal3ApiRef } from '../../api';
import { resetBootMacChannels } from './bootMacChannel';
import { Metal3BmcAddress, validateBmcAddress } from './Metal3BmcAddress';
import { Metal3BootMac } from './Metal3BootMac';
import { TestForm } from './testForm';

const BASE = 'http://backend/api/metal3';
const server = setupServer();

const answer: BmcPreflightResponse = {
  ok: true,
  checks: [
    { id: 'address', status: 'pass', message: 'redfish over https' },
    { id: 'tls', status: 'warn', message: 'self-signed certificate' },
    { id: 'authentication', status: 'pass', message: 'logged in as root' },
  ],
  system: { manufacturer: 'Dell Inc.', model: 'R650', powerState: 'Off' },
  bootMacCandidates: [
    {
      name: 'NIC.Integrated.1-1',
      mac: '52:54:00:AA:00:01',
      linkUp: true,
      note: 'PXE enabled',
    },
    { name: 'NIC.Slot.2-1', mac: '52:54:00:aa:00:02', linkUp: false },
  ],
};

function renderForm(
  withBootMac = true,
  secrets: Record<string, string> = { bmcPassword: 'calvin' },
) {
  const client = new Metal3Client({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  return renderInTestApp(
    <TestApiProvider apis={[[metal3ApiRef, client]]}>
      <SecretsContextProvider initialSecrets={secrets}>
        <TestForm
          initial={{
            bmcUsername: 'root',
            disableCertificateVerification: true,
          }}
          fields={[
            ['bmcAddress', Metal3BmcAddress],
            ...(withBootMac
              ? ([['bootMACAddress', Metal3BootMac]] as [string, any][])
              : []),
          ]}
        />
      </SecretsContextProvider>
    </TestApiProvider>,
  );
}

const formData = () =>
  JSON.parse(screen.getByLabelText('form data').textContent ?? '{}');

describe('Metal3BmcAddress', () => {
  registerMswTestHooks(server);
  afterEach(() => resetBootMacChannels());

  it('runs the preflight with the sibling credentials, shows every check, and a MAC pick fills the boot MAC field', async () => {
    const requests: BmcPreflightRequest[] = [];
    server.use(
      http.post(`${BASE}/bmc/preflight`, async ({ request }) => {
        requests.push((await request.json()) as BmcPreflightRequest);
        return HttpResponse.json(answer);
      }),
    );
    await renderForm();
    await userEvent.type(
      screen.getByLabelText('BMC address'),
      'redfish://10.0.0.5/redfish/v1/Systems/1',
    );
    await userEvent.tab();

    const checks = await screen.findByRole(
      'list',
      { name: 'preflight checks' },
      { timeout: 3000 },
    );
    expect(
      within(checks).getByText('TLS certificate: warn'),
    ).toBeInTheDocument();
    expect(
      within(checks).getByText('self-signed certificate'),
    ).toBeInTheDocument();
    expect(within(checks).getByText('Credentials: pass')).toBeInTheDocument();
    expect(
      screen.getByText('The BMC answers: Dell Inc. R650, power Off'),
    ).toBeInTheDocument();
    // One request for the whole address when the field was left, with the
    // password from the scaffolder's secrets and the sibling fields.
    expect(requests).toEqual([
      {
        address: 'redfish://10.0.0.5/redfish/v1/Systems/1',
        username: 'root',
        password: 'calvin',
        disableCertificateVerification: true,
      },
    ]);

    await userEvent.click(
      screen.getByRole('button', { name: 'use 52:54:00:aa:00:02 as boot MAC' }),
    );
    await waitFor(() =>
      expect(formData().bootMACAddress).toBe('52:54:00:aa:00:02'),
    );
    expect(screen.getByLabelText('boot MAC address')).toHaveValue(
      '52:54:00:aa:00:02',
    );
    expect(
      screen.getByRole('button', { name: 'use 52:54:00:aa:00:02 as boot MAC' }),
    ).toBeDisabled();
  });

  it('shows failed checks and no MAC buttons without a boot MAC field', async () => {
    server.use(
      http.post(`${BASE}/bmc/preflight`, () =>
        HttpResponse.json({
          ...answer,
          ok: false,
          checks: [
            { id: 'tcp', status: 'pass', message: 'port 443 open' },
            {
              id: 'authentication',
              status: 'fail',
              message: '401 from the BMC: wrong user or password',
            },
          ],
        }),
      ),
    );
    await renderForm(false);
    await userEvent.type(
      screen.getByLabelText('BMC address'),
      'idrac-virtualmedia://10.0.0.6',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Check BMC' }));
    expect(
      await screen.findByText(/not ready for enrollment/, undefined, {
        timeout: 3000,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Credentials: fail')).toBeInTheDocument();
    expect(screen.getByText('52:54:00:AA:00:01')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /as boot MAC/ }),
    ).not.toBeInTheDocument();
  });

  it('does not call the backend for an address BMO would reject, and says why', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/bmc/preflight`, () => {
        calls++;
        return HttpResponse.json(answer);
      }),
    );
    await renderForm();
    await userEvent.type(
      screen.getByLabelText('BMC address'),
      'gopher://10.0.0.7',
    );
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Check BMC' })).toBeDisabled();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(calls).toBe(0);
    const errors: string[] = [];
    validateBmcAddress(
      'gopher://10.0.0.7',
      { addError: (m: string) => errors.push(m) } as any,
      {} as any,
    );
    expect(errors).toHaveLength(1);
    expect(screen.getByText(errors[0])).toBeInTheDocument();
  });

  it('shows a denied preflight (no enroll permission)', async () => {
    server.use(
      http.post(`${BASE}/bmc/preflight`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'not allowed to metal3.host.enroll',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderForm();
    await userEvent.type(
      screen.getByLabelText('BMC address'),
      'redfish://10.0.0.8',
    );
    await userEvent.tab();
    expect(
      await screen.findByText(
        'Preflight failed: not allowed to metal3.host.enroll',
        undefined,
        { timeout: 3000 },
      ),
    ).toBeInTheDocument();
  });

  it('sends the password only on "Check BMC" or when the address field is left, never while typing', async () => {
    const passwords: (string | undefined)[] = [];
    server.use(
      http.post(`${BASE}/bmc/preflight`, async ({ request }) => {
        passwords.push(
          ((await request.json()) as BmcPreflightRequest).password,
        );
        return HttpResponse.json(answer);
      }),
    );
    await renderForm();
    const field = screen.getByLabelText('BMC address');
    // Typing with pauses longer than any debounce: every prefix that parses
    // (redfish://10, redfish://10.0.0, ...) would have received the password.
    for (const chunk of ['redfish://10', '.0.0', '.5', '/redfish/v1']) {
      await userEvent.type(field, chunk);
      await new Promise(resolve => setTimeout(resolve, 1200));
    }
    expect(passwords).toEqual([]);

    // Leaving the field: one request.
    await userEvent.tab();
    await screen.findByRole('list', { name: 'preflight checks' });
    expect(passwords).toEqual(['calvin']);

    // Coming back and leaving without a change sends nothing again.
    await userEvent.click(field);
    await userEvent.tab();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(passwords).toHaveLength(1);

    // An edit clears the old answer; "Check BMC" sends once (the click does
    // not also count as leaving the field), and again when pressed again.
    await userEvent.click(field);
    await userEvent.type(field, '/Systems/1');
    expect(
      screen.queryByRole('list', { name: 'preflight checks' }),
    ).not.toBeInTheDocument();
    const check = screen.getByRole('button', { name: 'Check BMC' });
    await userEvent.click(check);
    await screen.findByRole('list', { name: 'preflight checks' });
    expect(passwords).toHaveLength(2);
    await userEvent.click(check);
    await waitFor(() => expect(passwords).toHaveLength(3));
  }, 15_000);

  it('says before the check that without a password the credentials are not checked', async () => {
    const requests: BmcPreflightRequest[] = [];
    server.use(
      http.post(`${BASE}/bmc/preflight`, async ({ request }) => {
        requests.push((await request.json()) as BmcPreflightRequest);
        return HttpResponse.json({
          ok: true,
          checks: [
            {
              id: 'authentication',
              status: 'skipped',
              message: 'No credentials given',
            },
          ],
          bootMacCandidates: [],
        } satisfies BmcPreflightResponse);
      }),
    );
    await renderForm(false, {});
    await userEvent.type(
      screen.getByLabelText('BMC address'),
      'redfish://10.0.0.5/redfish/v1/Systems/1',
    );
    expect(
      screen.getByText(
        'Enter the BMC user and password to check the credentials too.',
      ),
    ).toBeInTheDocument();
    // Still allowed: the address, port and TLS are worth checking alone.
    await userEvent.click(screen.getByRole('button', { name: 'Check BMC' }));
    await screen.findByLabelText('authentication skipped');
    expect(requests).toHaveLength(1);
    expect(requests[0].password).toBeUndefined();
  });

  it('shows no credentials hint once user and password are there', async () => {
    await renderForm(false);
    await userEvent.type(
      screen.getByLabelText('BMC address'),
      'redfish://10.0.0.5/redfish/v1/Systems/1',
    );
    expect(
      screen.queryByText(/Enter the BMC user and password/),
    ).not.toBeInTheDocument();
  });
});
