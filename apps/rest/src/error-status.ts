import type { ErrorKind } from '@wa/core';

/** The one table from a core error kind to an HTTP status. */
export const HTTP_STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  not_ready: 503,
  timeout: 504,
  upstream_failed: 502,
  internal: 500,
};
