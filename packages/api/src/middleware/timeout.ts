import type { FetchLayer } from "../fetch-layer.js";
import { requestOfResponse } from "../fetch-layer.js";
import { linkSignals } from "../linked-signal.js";

/** A successful response whose JSON body does not parse: cut short or garbled on the way. */
export class MalformedResponseError extends Error {
  override readonly name = "MalformedResponseError";
}

/**
 * A buffered JSON response whose body was parsed here (to find a garbled body while the attempt
 * can still be retried): `json()` hands out that value instead of parsing the same bytes again.
 */
function withParsedJson(response: Response, value: unknown): Response {
  // `json` is a method of Response.prototype; an own property shadows it for this response only.
  Object.defineProperty(response, "json", { value: () => Promise.resolve(value) });
  return response;
}

function isJsonSuccess(response: Response, body: ArrayBuffer | null): body is ArrayBuffer {
  return (
    response.ok &&
    body !== null &&
    body.byteLength > 0 &&
    /\bjson\b/i.test(response.headers.get("Content-Type") ?? "")
  );
}

function parseJsonBody(body: ArrayBuffer, status: number): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body)) as unknown;
  } catch (error) {
    throw new MalformedResponseError(
      `malformed JSON in a ${status} response (${body.byteLength} bytes): ${(error as Error).message}`,
      { cause: error },
    );
  }
}

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
    // A plain timer rather than AbortSignal.timeout, whose timer is unref'd and tied to the
    // signal's lifetime: an attempt must end at its deadline whatever else holds the loop.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const linked = linkSignals([request.signal, deadline.signal]);
    try {
      const response = await next(new Request(request, { signal: linked.signal }));
      const body = response.status === 204 ? null : await response.arrayBuffer();
      const init = {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      };
      const buffered = isJsonSuccess(response, body)
        ? withParsedJson(new Response(body, init), parseJsonBody(body, response.status))
        : new Response(body, init);
      requestOfResponse.set(buffered, request);
      return buffered;
    } catch (error) {
      if (deadline.signal.aborted && !request.signal.aborted) {
        throw new AttemptTimeoutError(`no complete response within ${timeoutMs} ms`, {
          cause: error,
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      linked.dispose();
    }
  };
}
