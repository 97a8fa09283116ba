import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createServer } from "node:http";

/** A request as the test server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage["headers"];
  readonly at: number;
}

export type Handler = (
  request: SeenRequest,
  response: ServerResponse,
  index: number,
) => void | Promise<void>;

/** A real HTTP server on 127.0.0.1 whose answers each test scripts. */
export interface TestServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

export async function startTestServer(): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  let handler: Handler = (_request, response) =>
    json(response, 404, { code: "not_found", message: "no handler" });
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const seen: SeenRequest = {
      method: req.method ?? "GET",
      url: new URL(req.url ?? "/", "http://127.0.0.1"),
      headers: req.headers,
      at: Date.now(),
    };
    requests.push(seen);
    Promise.resolve(handler(seen, res, requests.length - 1)).catch((error: unknown) => {
      res.destroy(error as Error);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
