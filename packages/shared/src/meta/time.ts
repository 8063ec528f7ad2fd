// How Kubernetes serialises times: metav1.Time is RFC 3339 in UTC with whole seconds,
// metav1.MicroTime has six fractional digits (JavaScript clocks stop at milliseconds).

export function metaTime(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export function microTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}
