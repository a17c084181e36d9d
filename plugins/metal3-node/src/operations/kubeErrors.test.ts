import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { KubeApiError } from '../cluster/kube';
import {
  isAlreadyExists,
  isConflict,
  isLostAnswer,
  toCallerError,
} from './kubeErrors';

describe('toCallerError', () => {
  it('names every field of a 422 from its causes', () => {
    const error = toCallerError(
      new KubeApiError(422, 'BareMetalHost "h" is invalid', 'Invalid', [
        { field: 'spec.bootMACAddress', message: 'must match the pattern' },
        { field: 'spec.bmc.address', message: 'Required value' },
      ]),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'spec.bootMACAddress: must match the pattern; spec.bmc.address: Required value',
    );
  });

  it('turns a webhook denial and a strict-decoding 400 into input errors, keeps RBAC as not allowed', () => {
    const webhook = toCallerError(
      new KubeApiError(
        403,
        'admission webhook "baremetalhost.metal3.io" denied the request: invalid value for the inspect.metal3.io annotation',
        'Forbidden',
      ),
    );
    expect(webhook).toBeInstanceOf(InputError);
    expect(webhook.message).toContain('inspect.metal3.io');
    const strict = toCallerError(
      new KubeApiError(
        400,
        'strict decoding error: unknown field "spec.colour"',
        'BadRequest',
      ),
    );
    expect(strict).toBeInstanceOf(InputError);
    expect(strict.message).toContain('spec.colour');
    const rbac = toCallerError(
      new KubeApiError(
        403,
        'secrets is forbidden: User "system:serviceaccount:backstage:portal" cannot delete resource "secrets"',
        'Forbidden',
      ),
    );
    expect(rbac).toBeInstanceOf(NotAllowedError);
    expect(rbac.message).toContain('cannot delete resource "secrets"');
  });

  it('maps 404 and 409, and passes other errors through', () => {
    expect(
      toCallerError(new KubeApiError(404, 'gone', 'NotFound')),
    ).toBeInstanceOf(NotFoundError);
    expect(
      toCallerError(new KubeApiError(409, 'modified', 'Conflict')),
    ).toBeInstanceOf(ConflictError);
    const network = new Error('fetch failed');
    expect(toCallerError(network)).toBe(network);
  });
});

describe('error classes', () => {
  it('tells a taken name from a stale write, and a lost answer from a refusal', () => {
    const taken = new KubeApiError(409, 'exists', 'AlreadyExists');
    const stale = new KubeApiError(409, 'modified', 'Conflict');
    expect([isAlreadyExists(taken), isConflict(taken)]).toEqual([true, false]);
    expect([isAlreadyExists(stale), isConflict(stale)]).toEqual([false, true]);
    expect(isLostAnswer(new Error('socket hang up'))).toBe(true);
    expect(isLostAnswer(stale)).toBe(false);
    expect(isLostAnswer(new ConflictError('refused by us'))).toBe(false);
  });
});
