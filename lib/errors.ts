// The errors domain code throws. ApiError carries an HTTP-shaped code (lib/api maps it to the
// response); StepError is a step's own failure, which the runner records on the step.

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_error: 422,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one error type domain code throws. Extra fields (e.g. `field`, `step`) go into the body. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
  get status() {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string, id: string) => new ApiError("not_found", `${what} ${id} not found`);

/** A failure the step reports with its own message (no stack, no internals). */
export class StepError extends Error {
  constructor(
    message: string,
    /** False when retrying cannot help (bad input, a 4xx). */
    readonly retryable = true,
  ) {
    super(message);
    this.name = "StepError";
  }
}
