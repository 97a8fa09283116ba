import type { FetchLayer } from "../fetch-layer.js";
import { requestOfResponse } from "../fetch-layer.js";
import { linkSignals } from "../linked-signal.js";

/** A request attempt that took longer than the client's `timeoutMs`. */
export class AttemptTimeoutError extends Error {
  override readonly name = "AttemptTimeoutError";
}

/**
 * Bounds each attempt, body included: the body is read here, inside the deadline, so a response
 * that stalls or is cut mid-body fails this attempt (and is retried) instead of failing later
 * while openapi-fetch parses it. Pages are small, so buffering them costs little.
 */
export function timeoutLayer(timeoutMs: number): FetchLayer {
  return (next) => async (request) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const linked = linkSignals([request.signal, deadline]);
    try {
      const response = await next(new Request(request, { signal: linked.signal }));
      const body = response.status === 204 ? null : await response.arrayBuffer();
      const buffered = new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      requestOfResponse.set(buffered, request);
      return buffered;
    } catch (error) {
      if (deadline.aborted && !request.signal.aborted) {
        throw new AttemptTimeoutError(`no complete response within ${timeoutMs} ms`, {
          cause: error,
        });
      }
      throw error;
    } finally {
      linked.dispose();
    }
  };
}
