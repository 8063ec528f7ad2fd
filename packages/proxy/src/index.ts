export { ServiceProxy } from './proxy.js';
export type { ServiceProxyOptions } from './proxy.js';
export { parseProxyFlags } from './proxy-config.js';
export type { ProxyConfig } from './proxy-config.js';
export { addLocalRoute, hasLocalRoute, removeLocalRoute } from './local-route.js';
export { buildServiceTable } from './service-table.js';
export type { ServiceTable, ServiceEntry, ListenerSpec, Endpoint, EndpointSlice } from './service-table.js';
export { respond as respondToDnsQuery } from './dns/dns-server.js';
