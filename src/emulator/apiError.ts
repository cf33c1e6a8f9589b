// A refusal the emulator answers with Fabric's ErrorResponse shape and status code.
import type { ErrorResponseDetails } from '../fabric/types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly moreDetails?: ErrorResponseDetails[],
  ) {
    super(message);
  }
}

export const notFound = (errorCode: string, what: string): ApiError => new ApiError(404, errorCode, `The requested ${what} was not found.`);
export const badRequest = (errorCode: string, message: string): ApiError => new ApiError(400, errorCode, message);

/** A 429: the client may send again after `retryAfter` seconds (the server's Retry-After header). */
export const throttled = (errorCode: string, message: string, retryAfter: number): ApiError =>
  Object.assign(new ApiError(429, errorCode, message), { retryAfter });
