import type { AddressInfo, Socket } from "node:net";
import { createServer } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "./test-support/test-server.js";
import { createBaseFetch } from "./base-fetch.js";
import { createLaunchDarklyClient } from "./client.js";
import { json, startTestServer } from "./test-support/test-server.js";

let target: TestServer;
let proxyUrl: string;
const proxied: string[] = [];
const closeProxy: (() => Promise<void>)[] = [];

beforeAll(async () => {
  target = await startTestServer();
  target.handle((_req, res) => json(res, 200, { items: [{ _id: "via-proxy" }] }));
  // A proxy that only tunnels: undici's proxy agent sends CONNECT for http and https targets alike.
  const proxy = createServer((_req, res) => res.writeHead(405).end());
  // Tunnels (CONNECT), which is how undici's proxy agent reaches both http and https targets.
  proxy.on("connect", (req, clientSocket: Socket, head: Buffer) => {
    proxied.push(`CONNECT ${req.url ?? ""}`);
    const [host = "", port = "80"] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
      clientSocket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on("error", () => clientSocket.destroy());
    clientSocket.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  closeProxy.push(() => new Promise((resolve) => proxy.close(() => resolve())));
});
afterAll(async () => {
  await target.close();
  for (const close of closeProxy) await close();
});

describe("proxies", () => {
  it("sends requests through HTTP_PROXY when it is set", async () => {
    const fetchViaProxy = createBaseFetch(undefined, { HTTP_PROXY: proxyUrl });
    const ld = createLaunchDarklyClient({
      accessToken: "token",
      baseUrl: target.url,
      fetch: (input) => fetchViaProxy(input as Request),
    });
    const data = await ld.getOrThrow("/api/v2/members");
    expect(data.items?.[0]?._id).toBe("via-proxy");
    expect(proxied).toEqual([`CONNECT ${new URL(target.url).host}`]);
    expect(target.requests[0]?.headers.authorization).toBe("token");
  });

  it("leaves hosts listed in NO_PROXY alone", async () => {
    proxied.length = 0;
    const direct = createBaseFetch(undefined, { HTTP_PROXY: proxyUrl, NO_PROXY: "127.0.0.1" });
    const response = await direct(new Request(`${target.url}/api/v2/members`));
    expect(response.status).toBe(200);
    expect(proxied).toEqual([]);
  });

  it("picks up the proxy from the environment by default", async () => {
    proxied.length = 0;
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = proxyUrl;
    try {
      const ld = createLaunchDarklyClient({ accessToken: "token", baseUrl: target.url });
      await ld.getOrThrow("/api/v2/members");
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
    }
    expect(proxied).toEqual([`CONNECT ${new URL(target.url).host}`]);
  });
});
