import https from 'node:https';
import { BmcFleet, createBmcFleet } from './createBmcFleet';
import { loadMockup, members } from './mockupTree';

const MOCKUPS = [
  'dmtf-public-rackmount1',
  'dmtf-public-bladed',
  'hpe-ilo5-proliant-dl325-gen10plus',
] as const;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

let fleet: BmcFleet;
const addresses = new Map<string, string>();

function request(
  url: string,
  options: {
    method?: string;
    auth?: string;
    token?: string;
    body?: unknown;
    timeoutMs?: number;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: options.method ?? 'GET',
        ca: fleet.caPem(),
        auth: options.auth,
        headers: {
          ...(options.token && { 'X-Auth-Token': options.token }),
          ...(options.body !== undefined && {
            'Content-Type': 'application/json',
          }),
        },
        timeout: options.timeoutMs ?? 5000,
      },
      res => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: text ? JSON.parse(text) : undefined,
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    if (options.body !== undefined) req.write(JSON.stringify(options.body));
    req.end();
  });
}

const baseOf = (address: string) =>
  `https://${address.split('://')[1].split('/')[0]}`;
const pathOf = (address: string) =>
  `/${address.split('://')[1].split('/').slice(1).join('/')}`;

beforeAll(() => {
  fleet = createBmcFleet({
    ips: ['127.100.9.1', '127.100.9.2', '127.100.9.3', '127.100.9.4'],
  });
});

afterAll(async () => {
  await fleet.stop();
});

describe.each(MOCKUPS.map((m, i) => [m, i] as const))(
  'an emulated BMC over %s',
  (mockup, i) => {
    const hostId = `host-${i}`;
    const macs = [
      `02:00:00:00:0${i}:01`,
      `02:00:00:00:0${i}:02`,
      `02:00:00:00:0${i}:03`,
      `02:00:00:00:0${i}:04`,
    ];
    let base: string;
    let systemPath: string;

    beforeAll(async () => {
      const bmc = await fleet.addHost({
        hostId,
        mockup,
        ip: `127.100.9.${i + 1}`,
        port: 0,
        username: 'admin',
        password: 's3cret',
        identity: {
          macs,
          serialNumber: `LAB-SERIAL-${i}`,
          uuid: `00000000-0000-4000-8000-00000000000${i}`,
        },
        power: 'On',
      });
      addresses.set(hostId, bmc.address);
      base = baseOf(bmc.address);
      systemPath = pathOf(bmc.address);
    });

    it('answers the service root without credentials and the system only with the right ones', async () => {
      expect((await request(`${base}/redfish/v1`)).status).toBe(200);
      expect((await request(`${base}${systemPath}`)).status).toBe(401);
      expect(
        (await request(`${base}${systemPath}`, { auth: 'admin:wrong' })).status,
      ).toBe(401);
      const system = await request(`${base}${systemPath}`, {
        auth: 'admin:s3cret',
      });
      expect(system.status).toBe(200);
      expect(system.body.PowerState).toBe('On');
      expect(system.body.SerialNumber).toBe(`LAB-SERIAL-${i}`);
    });

    it("the system path of the address is the mockup's own first system (no assumed id)", () => {
      const tree = loadMockup(mockup);
      const first = members(tree, '/redfish/v1/Systems')[0];
      expect(systemPath).toBe(first.replace(/\/$/, ''));
    });

    it("serves this host's MACs wherever the NICs appear, following the links", async () => {
      const system = await request(`${base}${systemPath}`, {
        auth: 'admin:s3cret',
      });
      const link = system.body.EthernetInterfaces?.['@odata.id'];
      if (!link) return; // a tree without NICs on the system
      const collection = await request(`${base}${link}`, {
        auth: 'admin:s3cret',
      });
      const served: string[] = [];
      for (const member of collection.body.Members) {
        const nic = await request(`${base}${member['@odata.id']}`, {
          auth: 'admin:s3cret',
        });
        if (nic.body.MACAddress) served.push(nic.body.MACAddress.toLowerCase());
      }
      expect(served.length).toBeGreaterThan(0);
      for (const mac of served) expect(macs).toContain(mac);
    });

    it('opens and closes sessions, and accepts the session token', async () => {
      const before = fleet.openSessions();
      expect(
        (
          await request(`${base}/redfish/v1/SessionService/Sessions`, {
            method: 'POST',
            body: { UserName: 'admin', Password: 'nope' },
          })
        ).status,
      ).toBe(401);
      const login = await request(
        `${base}/redfish/v1/SessionService/Sessions`,
        { method: 'POST', body: { UserName: 'admin', Password: 's3cret' } },
      );
      expect(login.status).toBe(201);
      const token = login.headers['x-auth-token'] as string;
      expect(fleet.openSessions()).toBe(before + 1);
      expect((await request(`${base}${systemPath}`, { token })).status).toBe(
        200,
      );
      const logout = await request(`${base}${login.headers.location}`, {
        method: 'DELETE',
        token,
      });
      expect(logout.status).toBe(204);
      expect(fleet.openSessions()).toBe(before);
      expect((await request(`${base}${systemPath}`, { token })).status).toBe(
        401,
      );
    });

    it('powers off through ComputerSystem.Reset and tells the listener', async () => {
      const seen: string[] = [];
      const unsubscribe = fleet.onPowerChange((id, state) =>
        seen.push(`${id}:${state}`),
      );
      const system = await request(`${base}${systemPath}`, {
        auth: 'admin:s3cret',
      });
      const target = system.body.Actions['#ComputerSystem.Reset'].target;
      const reset = await request(`${base}${target}`, {
        method: 'POST',
        auth: 'admin:s3cret',
        body: { ResetType: 'ForceOff' },
      });
      expect(reset.status).toBe(204);
      expect(seen).toEqual([`${hostId}:Off`]);
      expect(
        (await request(`${base}${systemPath}`, { auth: 'admin:s3cret' })).body
          .PowerState,
      ).toBe('Off');
      fleet.setPower(hostId, 'On');
      unsubscribe();
    });
  },
);

describe('faults and logs', () => {
  it('a hung BMC accepts the connection and never answers', async () => {
    const bmc = await fleet.addHost({
      hostId: 'hung',
      mockup: 'dmtf-public-rackmount1',
      ip: '127.100.9.4',
      port: 0,
      username: 'admin',
      password: 'pw',
      identity: { macs: [], serialNumber: 'S', uuid: 'U' },
    });
    fleet.setFault('hung', 'hang');
    await expect(
      request(`${baseOf(bmc.address)}/redfish/v1`, { timeoutMs: 300 }),
    ).rejects.toThrow('timed out');
    fleet.setFault('hung', 'reject-credentials');
    expect(
      (
        await request(`${baseOf(bmc.address)}${pathOf(bmc.address)}`, {
          auth: 'admin:pw',
        })
      ).status,
    ).toBe(401);
    fleet.setFault('hung', undefined);
  });

  it.each(['host-0', 'host-1', 'host-2'])(
    "adds SEL entries %s's clients find by links (the blade tree logs on its manager)",
    async hostId => {
      fleet.addLogEntry(hostId, {
        severity: 'Critical',
        message: 'Power supply 1 failed',
      });
      const address = addresses.get(hostId)!;
      const get = (path: string) =>
        request(`${baseOf(address)}${path}`, { auth: 'admin:s3cret' });
      const system = (await get(pathOf(address))).body;
      // As a client looks: the system's log services, else its manager's.
      const owners = [system];
      for (const m of system.Links?.ManagedBy ?? [])
        owners.push((await get(m['@odata.id'])).body);
      let entries: any;
      for (const owner of owners) {
        if (entries || !owner.LogServices) continue;
        const services = (await get(owner.LogServices['@odata.id'])).body;
        for (const member of services.Members) {
          const service = (await get(member['@odata.id'])).body;
          if (!entries && service.Entries)
            entries = (await get(service.Entries['@odata.id'])).body;
        }
      }
      const last = entries.Members[entries.Members.length - 1]['@odata.id'];
      const entry = (await get(last)).body;
      expect(entry).toMatchObject({
        Severity: 'Critical',
        Message: 'Power supply 1 failed',
        EntryType: 'SEL',
      });
      expect(entries['Members@odata.count']).toBe(entries.Members.length);
    },
  );
});
