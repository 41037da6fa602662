// Serves a Next.js route handler over real HTTP (what `next start` does for it): an incoming request
// becomes a web Request with the path params, the Response goes back on the wire.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface RouteServer {
  url: string;
  /** Requests served, as "METHOD /path STATUS". */
  served: string[];
  close(): Promise<void>;
}

/** `params` reads the route's path params from a pathname (e.g. the last segment as `job`). */
export async function startRouteServer(handler: Handler, params: (pathname: string) => Record<string, string> = () => ({})): Promise<RouteServer> {
  const served: string[] = [];
  const server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const request = new Request(url, { method: req.method, headers, body });
      const response = await handler(request, { params: Promise.resolve(params(url.pathname)) });
      served.push(`${req.method} ${url.pathname} ${response.status}`);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(599).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    async close() {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await closed;
    },
  };
}
