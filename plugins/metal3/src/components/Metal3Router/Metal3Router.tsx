import { Route, Routes } from 'react-router-dom';
import { FleetPage } from '../FleetPage';
import { HostPage } from '../HostPage';
import { PoolPage } from '../PoolPage';

/** The routes under `/metal3`: fleet, one host, one pool. */
export const Metal3Router = () => (
  <Routes>
    <Route path="/" element={<FleetPage />} />
    <Route path="/hosts/:cluster/:namespace/:name" element={<HostPage />} />
    <Route path="/pools/:cluster/:namespace/:name" element={<PoolPage />} />
  </Routes>
);
