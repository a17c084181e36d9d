export { createRedfishReader } from './createRedfishReader';
export { RedfishTransport } from './transport';
