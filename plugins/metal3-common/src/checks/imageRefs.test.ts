import {
  containerImageVersion,
  redactUrlUserinfo,
  urlFileName,
} from './imageRefs';

describe('containerImageVersion', () => {
  it.each([
    ['quay.io/metal3-io/baremetal-operator:v0.9.1', 'v0.9.1'],
    ['registry.local:5000/capm3:v1.9.2', 'v1.9.2'],
    ['registry.local:5000/capm3', 'latest'],
    ['capm3', 'latest'],
    [
      'registry.local:5000/capm3@sha256:0123456789abcdef0123456789',
      'sha256:0123456789ab',
    ],
    ['quay.io/metal3-io/ironic:v26.0.1@sha256:0123456789abcdef', 'v26.0.1'],
  ])('%s → %s', (image, version) => {
    expect(containerImageVersion(image)).toBe(version);
  });
});

describe('redactUrlUserinfo', () => {
  it.each([
    [
      'http://user:s3cret@images.example/u.qcow2',
      'http://***@images.example/u.qcow2',
    ],
    ['https://images.example/u.qcow2', 'https://images.example/u.qcow2'],
    ['oci://quay.io/org/img@sha256:0123', 'oci://quay.io/org/img@sha256:0123'],
    [
      'oci://robot:tok@quay.io/org/img@sha256:0123',
      'oci://***@quay.io/org/img@sha256:0123',
    ],
    [
      'GET http://robot:pw@images.lab/u.qcow2 failed: connect ECONNREFUSED',
      'GET http://***@images.lab/u.qcow2 failed: connect ECONNREFUSED',
    ],
  ])('%s → %s', (url, redacted) => {
    expect(redactUrlUserinfo(url)).toBe(redacted);
  });
});

describe('urlFileName', () => {
  it.each([
    ['http://192.168.0.1:8080/images/noble.img', 'noble.img'],
    ['http://h/images/u%2022.qcow2?x=1#f', 'u 22.qcow2'],
    ['http://h/images/', undefined],
    ['http://h', undefined],
    ['oci://quay.io/org/ubuntu:24.04-20240115', 'ubuntu:24.04-20240115'],
  ])('%s → %s', (url, name) => {
    expect(urlFileName(url)).toBe(name);
  });
});
