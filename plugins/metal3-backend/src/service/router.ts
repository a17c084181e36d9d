import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { metal3ClusterReadPermission } from '@internal/plugin-metal3-common';
import { Metal3ClusterConfig } from '@internal/plugin-metal3-node';
import express from 'express';
import Router from 'express-promise-router';

/** What the router needs; services come in as options so tests can swap them. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  clusters: Metal3ClusterConfig[];
}

/** The public shape of a configured cluster: never credentials or CA data. */
export interface ClusterSummary {
  name: string;
  title: string;
  authProvider: Metal3ClusterConfig['authProvider'];
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, clusters } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [{ permission: metal3ClusterReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${metal3ClusterReadPermission.name}`,
      );
    }
    const items: ClusterSummary[] = clusters.map(c => ({
      name: c.name,
      title: c.title,
      authProvider: c.authProvider,
    }));
    res.json({ items });
  });

  return router;
}
