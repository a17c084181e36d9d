import { Route, Routes } from 'react-router-dom';
import {
  approvalRouteRef,
  approvalsRouteRef,
  clusterRouteRef,
  hostRouteRef,
  imagesRouteRef,
  poolRouteRef,
} from '../../routes';
import { ApprovalsPage } from '../Approvals';
import { ClusterPage } from '../ClusterPage';
import { FleetPage } from '../FleetPage';
import { HostPage } from '../HostPage';
import { PoolPage } from '../PoolPage';
import { ImagesPage } from '../Runbook';

/**
 * The plugin's pages below wherever the app mounted it: the fleet, one host,
 * one pool, one cluster, the approvals (all, or one). The paths are the sub-route refs' own.
 */
export const Metal3Router = () => (
  <Routes>
    <Route path="/" element={<FleetPage />} />
    <Route path={hostRouteRef.path} element={<HostPage />} />
    <Route path={poolRouteRef.path} element={<PoolPage />} />
    <Route path={clusterRouteRef.path} element={<ClusterPage />} />
    <Route path={approvalsRouteRef.path} element={<ApprovalsPage />} />
    <Route path={approvalRouteRef.path} element={<ApprovalsPage />} />
    <Route path={imagesRouteRef.path} element={<ImagesPage />} />
  </Routes>
);
