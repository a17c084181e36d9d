import { InputError } from '@backstage/errors';
import {
  isNotFound,
  KubeClient,
  kubePaths,
} from '@metal3-fleet/plugin-metal3-node';

/**
 * One value of a Secret, read live (never cached, never logged). Missing
 * Secret or key → an InputError naming the input field that pointed at it.
 */
export async function readSecretValue(
  client: KubeClient,
  namespace: string,
  name: string,
  key: string,
  fields: { name: string; key: string },
): Promise<string> {
  let secret: any;
  try {
    secret = await client.request('GET', kubePaths.secret(namespace, name));
  } catch (error) {
    if (isNotFound(error)) {
      throw new InputError(`${fields.name}: no Secret ${namespace}/${name}`);
    }
    throw error;
  }
  const encoded = secret?.data?.[key];
  const value = encoded
    ? Buffer.from(encoded, 'base64').toString('utf8')
    : secret?.stringData?.[key];
  if (!value) {
    throw new InputError(
      `${fields.key}: Secret ${namespace}/${name} has no key "${key}"`,
    );
  }
  return value.trim();
}
