import {
  checksumAlgorithmOf,
  formatsAllowedByName,
  isVersionedImageUrl,
  needsChecksum,
} from './imageRules';

describe('isVersionedImageUrl', () => {
  it.each([
    // The guide's own examples.
    ['http://192.168.0.1:8080/images/ubuntu-24.04-rke2-v1.35.0.qcow2', true],
    ['http://192.168.0.1:8080/images/noble-server-cloudimg-amd64.img', false],
    [
      'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img',
      false,
    ],
    // The examples.
    ['http://images.lab/ubuntu-22.04-20240115.qcow2', true],
    ['http://images.lab/ubuntu.qcow2', false],
    ['http://images.lab/latest/ubuntu-22.04-20240115.qcow2', false],
    ['http://images.lab/ubuntu-latest.qcow2', false],
    // A bare OS release is not a build: a rebuild keeps the name.
    ['http://images.lab/ubuntu-24.04.qcow2', false],
    ['http://images.lab/ubuntu-24.04-2024-01-15.raw.gz', true],
    ['http://images.lab/worker-1.2.3.img', true],
    ['http://images.lab/worker-v2.img', false],
    ['http://images.lab/worker-v2.1.img', true],
    // A number that is not a date is not a date.
    ['http://images.lab/worker-20241399.img', false],
    ['oci://quay.io/org/ubuntu@sha256:0123456789', true],
    ['oci://quay.io/org/ubuntu:24.04-20240115', true],
    ['oci://quay.io/org/ubuntu:latest', false],
    ['oci://quay.io/org/ubuntu', false],
    ['oci://registry.lab:5000/org/ubuntu', false],
    ['http://images.lab/images/', undefined],
  ])('%s → %s', (url, versioned) => {
    expect(isVersionedImageUrl(url)).toBe(versioned);
  });
});

describe('formatsAllowedByName', () => {
  it.each([
    ['http://h/u.qcow2', ['qcow2']],
    ['http://h/u.img', ['qcow2', 'raw']],
    ['http://h/u.raw', ['raw']],
    ['http://h/u.raw.gz', ['raw']],
    ['http://h/u.ISO', ['live-iso']],
    ['http://h/u.vmdk', ['vmdk']],
    ['http://h/u.vdi', ['vdi']],
    ['http://h/u', undefined],
    ['http://h/u.tar', undefined],
    ['oci://quay.io/org/u:1.2.3', undefined],
  ])('%s → %j', (url, formats) => {
    expect(formatsAllowedByName(url)).toEqual(formats);
  });
});

describe('checksumAlgorithmOf', () => {
  it.each([
    ['http://h/noble.img.sha256sum', 'sha256'],
    ['http://h/SHA256SUMS', 'sha256'],
    ['https://h/u.qcow2.sha512', 'sha512'],
    ['http://h/u.qcow2.md5sum', 'md5'],
    ['http://h/checksums.txt', undefined],
    ['d41d8cd98f00b204e9800998ecf8427e', 'md5'],
    [
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'sha256',
    ],
    ['a'.repeat(128), 'sha512'],
    ['abc', undefined],
    ['not hex at all', undefined],
  ])('%s → %s', (checksum, algorithm) => {
    expect(checksumAlgorithmOf(checksum)).toBe(algorithm);
  });
});

describe('needsChecksum', () => {
  it.each([
    [{ url: 'http://h/u.qcow2', format: 'qcow2' }, true],
    [{ url: 'http://h/u.iso', format: 'live-iso' }, false],
    [{ url: 'oci://quay.io/org/u:1.2.3' }, false],
  ])('%j → %s', (spec, needed) => {
    expect(needsChecksum(spec)).toBe(needed);
  });
});
