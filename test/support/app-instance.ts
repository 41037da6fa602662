// A second application instance for cross-instance tests, run as its own process through
// app-instance.cjs: it serves the product route handlers over HTTP with the environment it was
// given (the same DATABASE_URL, REDIS_URL and CACHE_NAMESPACE as the test) and prints {"url": …}
// once it listens.
import * as productList from "@/app/api/v1/products/route";
import * as product from "@/app/api/v1/products/[asin]/route";
import { startRouteServer } from "./route-server";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const PRODUCT_PATH = /^\/api\/v1\/products\/([^/]+)$/;

startRouteServer(
  (request, context) => {
    const { pathname } = new URL(request.url);
    const module = pathname === "/api/v1/products" ? productList : PRODUCT_PATH.test(pathname) ? product : {};
    const handler = (module as Record<string, Handler | undefined>)[request.method];
    return handler ? handler(request, context) : Promise.resolve(new Response(null, { status: 404 }));
  },
  (pathname): Record<string, string> => {
    const match = PRODUCT_PATH.exec(pathname);
    return match ? { asin: decodeURIComponent(match[1]!) } : {};
  },
).then((server) => {
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.on("SIGTERM", () => void server.close().finally(() => process.exit(0)));
});
