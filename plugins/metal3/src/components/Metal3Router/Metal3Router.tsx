import { Route, Routes } from 'react-router-dom';
import { ClusterPage } from '../ClusterPage';
import { FleetPage } from '../FleetPage';
import { HostPage } from '../HostPage';
import { PoolPage } from '../PoolPage';

/** The routes under `/metal3`: fleet, one host, one pool, one cluster. @public */
export const Metal3Router = () => (
  <Routes>
    <Route path="/" element={<FleetPage />} />
    <Route path="/hosts/:cluster/:namespace/:name" element={<HostPage />} />
    <Route path="/pools/:cluster/:namespace/:name" element={<PoolPage />} />
    <Route path="/clusters/:name" element={<ClusterPage />} />
  </Routes>
);
