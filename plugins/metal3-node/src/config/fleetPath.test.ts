import { ConfigReader } from '@backstage/config';
import { fleetPagePath, readFleetPath } from './fleetPath';

const read = (fleetPath?: unknown) =>
  readFleetPath(
    new ConfigReader(fleetPath === undefined ? {} : { metal3: { fleetPath } }),
  );

describe('metal3.fleetPath', () => {
  it('defaults to /metal3, where the portal of this repository mounts the page', () => {
    expect(read()).toBe('/metal3');
  });

  it.each([
    ['/fleet', '/fleet'],
    ['/fleet/', '/fleet'],
    ['/ops/bare-metal', '/ops/bare-metal'],
  ])('takes the app path %s as %s', (value, path) => {
    expect(read(value)).toBe(path);
  });

  it.each(['fleet', 'https://portal.example/fleet', '//portal.example'])(
    'refuses %s, naming the key',
    value => {
      expect(() => read(value)).toThrow(
        `metal3.fleetPath: must be a path of the app starting with "/" (e.g. "/fleet"), not "${value}"`,
      );
    },
  );

  it("builds a host's and a pool's page path below it", () => {
    const object = {
      cluster: 'kube-dc-mgmt',
      namespace: 'metal3',
      name: 'w-0',
    };
    expect(fleetPagePath('/fleet', 'hosts', object)).toBe(
      '/fleet/hosts/kube-dc-mgmt/metal3/w-0',
    );
    expect(fleetPagePath('/metal3', 'pools', object)).toBe(
      '/metal3/pools/kube-dc-mgmt/metal3/w-0',
    );
  });
});
