import { z } from "zod";

// Response bodies of the product routes. The presenters (present.ts) return these types, so the
// published document and the code cannot drift apart without a type error.

const cents = z.number().int().nullable().meta({ description: "Integer minor units (cents) of `currency`." });
const date = z.string().meta({ format: "date", example: "2026-03-01" });
const asin = z.string().meta({ description: "10 characters A-Z0-9.", example: "B0CHX1W1XY" });

function perWindow<T extends z.ZodType>(schema: T) {
  return z.object({ "1d": schema, "7d": schema, "30d": schema });
}

const absPct = z.object({ abs: z.number().nullable(), pct: z.number().nullable().meta({ description: "Percent (12.5 = 12.5 %)." }) });

export const sparklinePointSchema = z.object({ date, price: cents, bsr: z.number().int().nullable() });

export const metricsPointSchema = z
  .object({
    date,
    currency: z.string().nullable().meta({ description: "ISO 4217." }),
    price: cents,
    list_price: cents,
    bsr: z.number().int().nullable(),
    bsr_category: z.string().nullable(),
    rating: z.number().nullable(),
    reviews: z.number().int().nullable(),
    buybox_seller: z.string().nullable(),
    buybox_price: cents,
    in_stock: z.boolean().nullable(),
    offers_count: z.number().int().nullable(),
  })
  .meta({ id: "MetricsPoint" });

export const productSnapshotSchema = z
  .object({
    asin,
    marketplace: z.string(),
    title: z.string().nullable(),
    brand: z.string().nullable(),
    category: z.string().nullable(),
    image_url: z.string().nullable(),
    url: z.string().nullable(),
    ...metricsPointSchema.shape,
    deltas: z.object({
      price: perWindow(absPct),
      bsr: perWindow(absPct),
      rating: perWindow(z.object({ abs: z.number().nullable() })),
      reviews: perWindow(z.object({ abs: z.number().int().nullable() })),
    }),
    sparkline: z.array(sparklinePointSchema).meta({ description: "The last 30 days ending at `date`, oldest first." }),
  })
  .meta({ id: "ProductSnapshot" });
export type ProductSnapshot = z.infer<typeof productSnapshotSchema>;

export type MetricsPoint = z.infer<typeof metricsPointSchema>;

export const metricsSeriesSchema = z.object({ asin, marketplace: z.string(), from: date, to: date, points: z.array(metricsPointSchema) });

const trackedSince = z.string().meta({ format: "date-time" });

export const productListSchema = z.object({
  items: z.array(
    z.union([
      productSnapshotSchema.extend({ tracked_since: trackedSince }),
      // Tracked but not scraped yet: no snapshot so far.
      z.object({ asin, marketplace: z.string(), tracked_since: trackedSince, date: z.null() }),
    ]),
  ),
  next_cursor: z.string().nullable(),
});

export const trackProductsResultSchema = z.object({
  added: z.array(asin).meta({ description: "ASINs this request started tracking." }),
  already_tracked: z.array(asin).meta({ description: "ASINs the workspace tracked before." }),
  invalid: z.array(z.object({ asin: z.string().meta({ description: "The input as sent." }), reason: z.string() })),
});
export type TrackProductsResult = z.infer<typeof trackProductsResultSchema>;

export const metricsBatchResultSchema = z.object({
  items: z.record(asin, z.object({ latest: productSnapshotSchema, points: z.array(metricsPointSchema).optional() })),
  missing: z.array(asin).meta({ description: "Requested ASINs with no data in this marketplace." }),
});
