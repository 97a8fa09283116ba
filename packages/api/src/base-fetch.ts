import { EnvHttpProxyAgent, fetch as undiciFetch } from "undici";

import type { FetchFn } from "./fetch-layer.js";

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];

/**
 * The fetch at the bottom of the stack: the caller's, else Node's. When a proxy is configured in
 * the environment (`HTTPS_PROXY`/`HTTP_PROXY`, minus `NO_PROXY`), requests go through undici's
 * proxy agent, since Node's built-in fetch ignores those variables. `NODE_EXTRA_CA_CERTS` needs
 * nothing here: Node adds those certificates to every TLS connection, proxied or not.
 */
export function createBaseFetch(
  custom: typeof fetch | undefined,
  env: NodeJS.ProcessEnv = process.env,
): FetchFn {
  if (custom) return (request) => custom(request);
  if (!PROXY_VARIABLES.some((name) => env[name])) return (request) => fetch(request);
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: env.HTTP_PROXY ?? env.http_proxy,
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
    noProxy: env.NO_PROXY ?? env.no_proxy,
  });
  return async (request) => {
    const body = request.body ? await request.arrayBuffer() : undefined;
    const response = await undiciFetch(request.url, {
      method: request.method,
      headers: [...request.headers],
      body,
      signal: request.signal,
      dispatcher,
    });
    // undici's Response is the same WHATWG class Node bundles; only the type declarations differ.
    return response;
  };
}
