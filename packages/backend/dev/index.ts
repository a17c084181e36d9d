/*
 * The development backend (`yarn start`, scripts/start.sh): the production
 * features plus the embedded lab and the guest sign-in. Never bundled: the
 * production build starts from src/index.ts, and the lab and the guest
 * provider are devDependencies, absent from a production install.
 */

// First: the meter provider must exist before any plugin makes instruments.
import '../src/instrumentation';
import {
  labBackendPlugin,
  labKubernetesTabModule,
} from '@metal3-fleet/metal3-lab';
import { createPortalBackend } from '../src/portalBackend';

const backend = createPortalBackend();

// Local sign-in without an identity provider (auth.providers.guest in
// app-config.lab.yaml). It refuses to run when NODE_ENV is production.
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// The embedded lab (a simulated cluster and BMCs), when metal3.lab.enabled
backend.add(labBackendPlugin);
// The lab's current token for the Kubernetes tab's lab clusters
// (kubernetes.clusterLocatorMethods in app-config.lab.yaml)
backend.add(labKubernetesTabModule);

backend.start();
