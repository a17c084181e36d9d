/*
 * The production backend (what `yarn build:backend` bundles and the image
 * runs): the portal's features and nothing else. Development adds the lab
 * and the guest sign-in in dev/index.ts.
 */

import { createPortalBackend } from './portalBackend';

createPortalBackend().start();
