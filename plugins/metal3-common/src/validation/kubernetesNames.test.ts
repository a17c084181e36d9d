import { validateLabelName, validateSubdomainName } from './kubernetesNames';

describe('validateSubdomainName', () => {
  it.each(['worker-0', 'node-0.rack1', 'a', '0abc'])('accepts %s', name => {
    expect(validateSubdomainName(name)).toBeUndefined();
  });

  it.each([
    ['Worker-0', 'must consist of lower case'],
    ['-worker', 'must start and end'],
    ['worker_0', "'-' or '.'"],
    ['', 'is required'],
    ['a'.repeat(254), 'no more than 253 characters'],
  ])('rejects %j naming the field', (name, text) => {
    const error = validateSubdomainName(name, 'spec.hostName');
    expect(error?.field).toBe('spec.hostName');
    expect(error?.message).toContain(text);
    expect(error?.message).toContain('spec.hostName');
  });
});

describe('validateLabelName', () => {
  it('accepts a namespace name', () => {
    expect(validateLabelName('metal3')).toBeUndefined();
  });

  it('rejects dots and names longer than 63 characters', () => {
    expect(validateLabelName('a.b')?.message).toContain('lower case');
    expect(validateLabelName('a'.repeat(64))?.message).toContain('63');
  });
});
