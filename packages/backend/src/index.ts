/*
 * The production backend (what `yarn build:backend` bundles and the image
 * runs): the portal's features and nothing else. Development adds the lab
 * and the guest sign-in in dev/index.ts.
 */

import { createPortalBackend } from './portalBackend';

// A start-up error (a bad config value, an unreachable database) ends the
// process with the error instead of leaving a backend that never listens:
// the orchestrator restarts it and shows the reason.
createPortalBackend()
  .start()
  .catch(error => {
    // eslint-disable-next-line no-console
    console.error(`Backend failed to start: ${error?.stack ?? error}`);
    process.exit(1);
  });
