// Endpoints and EndpointSlices: the addresses and ports a Service routes to. Ports default to TCP;
// slices track generation (Kubernetes bumps it on every endpoint change) and keep their address type.
import { fieldErrors, type FieldError, type KubernetesObject } from '@kctl/shared';
import { PORT_PROTOCOLS, oneOf } from './container-validation.js';
import { immutableFieldError } from './metadata-validation.js';
import { isValidPortNum } from './name-validation.js';
import { arrayOf, type JsonRecord } from './object-access.js';
import type { KindRules } from './strategy-builder.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function validatePorts(ports: JsonRecord[], path: string, portRequired: boolean): FieldError[] {
  const errs: FieldError[] = [];
  ports.forEach((port, i) => {
    const itemPath = `${path}[${i}]`;
    if (port.port !== undefined || portRequired) {
      for (const msg of isValidPortNum(Number(port.port ?? 0))) errs.push(fieldErrors.invalid(`${itemPath}.port`, port.port ?? 0, msg));
    }
    errs.push(...oneOf(port.protocol, PORT_PROTOCOLS, `${itemPath}.protocol`));
  });
  return errs;
}

export const endpointsRules: KindRules = {
  defaults: (endpoints) => {
    for (const subset of arrayOf<JsonRecord>(endpoints.subsets)) {
      for (const port of arrayOf<JsonRecord>(subset.ports)) port.protocol ||= 'TCP';
    }
  },
  validate: (endpoints) =>
    arrayOf<JsonRecord>(endpoints.subsets).flatMap((subset, i) => {
      const path = `subsets[${i}]`;
      const errs: FieldError[] = [];
      for (const key of ['addresses', 'notReadyAddresses'] as const) {
        arrayOf<JsonRecord>(subset[key]).forEach((address, j) => {
          if (!address.ip) errs.push(fieldErrors.required(`${path}.${key}[${j}].ip`));
        });
      }
      return [...errs, ...validatePorts(arrayOf<JsonRecord>(subset.ports), `${path}.ports`, true)];
    }),
};

function validateEndpointSlice(slice: KubernetesObject): FieldError[] {
  const errs: FieldError[] = [];
  const addressType = slice.addressType;
  arrayOf<JsonRecord>(slice.endpoints).forEach((endpoint, i) => {
    const addresses = arrayOf<string>(endpoint.addresses);
    const path = `endpoints[${i}].addresses`;
    if (addresses.length === 0) errs.push(fieldErrors.required(path, 'must contain at least 1 address'));
    addresses.forEach((address, j) => {
      if (addressType === 'IPv4' && !IPV4.test(address)) errs.push(fieldErrors.invalid(`${path}[${j}]`, address, 'must be a valid IPv4 address'));
    });
  });
  errs.push(...validatePorts(arrayOf<JsonRecord>(slice.ports), 'ports', false));
  errs.push(...oneOf(addressType, ADDRESS_TYPES, 'addressType'));
  return errs;
}

export const endpointSliceRules: KindRules = {
  tracksGeneration: true,
  defaults: (slice) => {
    for (const port of arrayOf<JsonRecord>(slice.ports)) {
      port.name ??= '';
      port.protocol ??= 'TCP';
    }
  },
  validate: validateEndpointSlice,
  validateUpdate: (slice, old) => (slice.addressType === old.addressType ? [] : [immutableFieldError('addressType', slice.addressType ?? '')]),
};
