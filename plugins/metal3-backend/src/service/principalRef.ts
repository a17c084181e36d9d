import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Who made a request, for records: the user's entity ref or the service's subject. */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef)
    return principal.userEntityRef;
  if (principal.type === 'service' && principal.subject)
    return `service:${principal.subject}`;
  return 'unknown';
}
