// apimachinery's pkg/util/validation name checks (IsDNS1123Label, IsDNS1123Subdomain,
// IsDNS1035Label, IsQualifiedName, IsValidLabelValue) with their exact messages. The API server
// validates objects with them and the selector parser validates label keys and values.
import { emptyError, maxLenError, regexError } from './validation-messages.js';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;

const whole = (fmt: string): RegExp => new RegExp(`^${fmt}$`);
const DNS1123_LABEL = whole(DNS1123_LABEL_FMT);
const DNS1123_SUBDOMAIN = whole(DNS1123_SUBDOMAIN_FMT);
const DNS1035_LABEL = whole(DNS1035_LABEL_FMT);
const QUALIFIED_NAME = whole(QUALIFIED_NAME_FMT);
const LABEL_VALUE = whole(LABEL_VALUE_FMT);

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const QUALIFIED_NAME_MAX_LENGTH = 63;
const LABEL_VALUE_MAX_LENGTH = 63;

const utf8 = new TextEncoder();

// Go's len() counts bytes, not UTF-16 code units, so non-ASCII text hits the limits sooner.
function byteLength(text: string): number {
  return utf8.encode(text).length;
}

/** The length-then-format check that IsDNS1123Label, IsDNS1035Label and their siblings share. */
function formatErrors(value: string, maxLength: number, pattern: RegExp, message: string, fmt: string, ...examples: string[]): string[] {
  const errs: string[] = [];
  if (byteLength(value) > maxLength) errs.push(maxLenError(maxLength));
  if (!pattern.test(value)) errs.push(regexError(message, fmt, ...examples));
  return errs;
}

export function isDNS1123Label(value: string): string[] {
  const message =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
  return formatErrors(value, DNS1123_LABEL_MAX_LENGTH, DNS1123_LABEL, message, DNS1123_LABEL_FMT, 'my-name', '123-abc');
}

export function isDNS1123Subdomain(value: string): string[] {
  const message =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  return formatErrors(value, DNS1123_SUBDOMAIN_MAX_LENGTH, DNS1123_SUBDOMAIN, message, DNS1123_SUBDOMAIN_FMT, 'example.com');
}

/** Service names (Kubernetes 1.32 still requires DNS-1035: a letter first). */
export function isDNS1035Label(value: string): string[] {
  const message =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
  return formatErrors(value, DNS1123_LABEL_MAX_LENGTH, DNS1035_LABEL, message, DNS1035_LABEL_FMT, 'my-name', 'abc-123');
}

function qualifiedNameRegexError(): string {
  return regexError(
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
    QUALIFIED_NAME_FMT,
    'MyName',
    'my.name',
    '123-abc',
  );
}

/** Label keys, annotation keys, finalizers: `[prefix/]name`. Empty when valid. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
  } else {
    return [`a qualified name ${qualifiedNameRegexError()} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  if (!QUALIFIED_NAME.test(name)) errs.push(`name part ${qualifiedNameRegexError()}`);
  return errs;
}

/** Label values: empty, or a qualified name part of at most 63 characters. Empty when valid. */
export function isValidLabelValue(value: string): string[] {
  const message =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return formatErrors(value, LABEL_VALUE_MAX_LENGTH, LABEL_VALUE, message, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345');
}
