/**
 * What a faulty device or an attacker sends: the values the fuzz mixes into requests. Each
 * list is small and named, so a failing request is easy to read back.
 */

/** Characters a person does not see, or that turn text around: one is enough to mislead. */
export const HIDDEN_CHARACTERS = [
  '\u0000', // NUL
  '\u202e', // right-to-left override
  '\u200b', // zero-width space
  '\ufeff', // byte-order mark
  '\u2028', // line separator
  '\ud800', // a lone surrogate
  '\n',
  ' ',
];

export const JUNK_STRINGS = [
  '',
  ' ',
  '\t\n',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '../../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE events; --',
  '%00',
  '%s%s%s%n',
  '${7*7}',
  '<script>alert(1)</script>',
  '\u0000',
  'abc\u202edcba',
  'Ａ－００１', // full-width letters and digits
  'А-001', // a Cyrillic A
  '🎫'.repeat(50),
  'e\u0301'.repeat(30), // combining accents
  '\ud83d', // half an emoji
  'x'.repeat(10_000),
  'ə'.repeat(100_000),
];

/** Numbers past what instants, counts and sizes take. */
export const JUNK_NUMBERS = [
  -1,
  -0.5,
  0.1,
  8_640_000_000_000_001, // one past a Date's range
  8_640_000_000_000_000,
  253_402_300_800_000, // 10000-01-01
  -8_640_000_000_000_001,
  2 ** 53,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
];

/** Calendar dates that do not exist, or are written wrong. */
export const IMPOSSIBLE_DATES = [
  '2026-02-31',
  '2026-02-29',
  '2025-04-31',
  '9999-99-99',
  '0000-00-00',
  '2026-13-01',
  '2026-1-1',
  '26-01-01',
  '+275760-09-13',
  '-000001-01-01',
  '10000-01-01',
  '1969-12-31',
  '0001-01-01',
  '2026-01-01T00:00:00Z',
  '2026/01/01',
];

/** Any JSON value at all. */
export const JUNK_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  '',
  'x',
  [],
  {},
  [[[[[]]]]],
  { a: { b: { c: {} } } },
  ...JUNK_NUMBERS.slice(0, 4),
];

/** Request bodies that are not JSON, or JSON as nobody should write it. */
export const MALFORMED_BODIES = [
  '',
  '{',
  '{"a":',
  '[1,2',
  'nul',
  '{"x":1}garbage',
  '\ufeff{}',
  "{'single':'quotes'}",
  '{"a":1,"a":2}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  'NaN',
  '1e999999',
  '"\\ud800"',
  '\u0000',
  '[' + '['.repeat(20_000) + ']'.repeat(20_000) + ']',
  '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
  JSON.stringify({ big: 'x'.repeat(400_000) }),
];

/** Content types a JSON route should refuse or survive. */
export const JUNK_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/jsonx',
  'application/octet-stream',
  'application/json, text/plain',
  '*/*',
  '',
];

/** Values for the protocol-version header. */
export const JUNK_PROTOCOL_HEADERS = ['', 'abc', '-1', '0', '1.5', '999', '1e400', 'NaN', ' 1'];

/** Authorization headers that carry no valid token. */
export const JUNK_AUTHORIZATION = [
  'Bearer',
  'Bearer ',
  'Bearer  ',
  'bearer abc',
  'Basic YWRtaW46YWRtaW4=',
  'Bearer ' + 'x'.repeat(8_000),
  'Bearer null',
  'Bearer ../../',
  'Bearer %00',
];

/** Path parameters as they come off the wire: encoded badly, or not at all. */
export const JUNK_PATH_SEGMENTS = [
  '%',
  '%ZZ',
  '%00',
  '%2e%2e',
  '..',
  '%2F',
  'a%2Fb',
  '%C0%AE',
  '%EF%BF%BF',
  '%F0%9F%8E%AB',
  'x'.repeat(2_000),
  ';',
  '%20',
  '__proto__',
  'constructor',
];

/** Query strings with wrong, repeated or oddly written parameters. */
export const JUNK_QUERIES = [
  'from=8640000000000001',
  'from=-1',
  'from=1e400',
  'from=NaN',
  'from=0x10',
  'from=&to=',
  'from=1&from=2',
  'to=8640000000000000&from=0',
  'date=2026-02-31',
  'date=9999-99-99',
  'date=9999-12-31',
  'date=1970-01-01',
  'date=0000-01-01',
  'date=2026-01-01&date=2026-01-02',
  'language=xx',
  'language=az&language=ru',
  'priority=',
  'a[b]=1',
  'serviceId[]=dim-id-card',
  '%=',
  '%ZZ=1',
  '=',
  '&&&',
  'serviceId=' + 'x'.repeat(5_000),
];

export const JUNK_METHODS = ['DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PUT', 'POST', 'GET'];
