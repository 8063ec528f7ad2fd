export * from './channel-protocol.js';
export * from './exec-status.js';
export * from './upgrade-rejection.js';
export * from './websocket-streams.js';
export * from './port-forward-protocol.js';
export * from './spdy-frames.js';
export * from './spdy-session.js';
