// GET /api/bench/floor/{id} — the same empty route behind a path parameter (the shape of
// GET /api/v1/products/{asin}), to see what Next charges for matching a dynamic route.
export { GET } from "../route";

export const dynamic = "force-dynamic";
