/**
 * Faults, in a small tree that says whether to retry. Expected outcomes are values, not these.
 * HTTP maps ValidationError → 400/422, NotFoundError → 404, ConflictError → 409; workers turn
 * non-retriable errors into BullMQ's UnrecoverableError.
 */
export class AppError extends Error {
  readonly retriable: boolean = false;
  constructor(
    message: string,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    details?: unknown,
    code = 'validation_failed',
    readonly status: 400 | 413 | 422 = 422,
  ) {
    super(message, code, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required', code = 'unauthorized') {
    super(message, code);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(`${what} not found`, 'not_found');
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown, code = 'conflict') {
    super(message, code, details);
  }
}

export class IntegrationError extends AppError {
  constructor(
    message: string,
    readonly service: string,
    details?: unknown,
  ) {
    super(message, 'integration_failed', details);
  }
}

export class RetriableIntegrationError extends IntegrationError {
  override readonly retriable: boolean = true;
}

export class RateLimitedError extends RetriableIntegrationError {
  constructor(
    message: string,
    service: string,
    readonly retryAfterMs: number,
  ) {
    super(message, service);
  }
}
