import type { Database } from "@/db/client";
import { queryRows } from "@/db/client";
import { sql } from "drizzle-orm";
import { injectedAnomalies, type DemoAnomalyKind } from "@/jobs/sources/demo/anomalies";
import type { DemoProduct } from "@/jobs/sources/demo/catalog";
import { demoEvents } from "@/jobs/sources/demo/events";
import { addDays } from "@/lib/dates";

// Which alert kinds answer each labelled anomaly.
const EXPECTED: Record<DemoAnomalyKind, string[]> = {
  price_spike: ["price_up"],
  price_drop: ["price_down"],
  bsr_jump: ["bsr_up"],
  bsr_drop: ["bsr_down"],
  stock_out: ["out_of_stock"],
  buybox_lost: ["buybox_changed", "buybox_lost"],
};

export interface AlertQuality {
  anomalies: number;
  detected: number;
  recall: number;
  alerts: number;
  explainedByRoutineEvents: number;
  noise: number;
  noisePer100ProductDays: number;
  productDays: number;
}

/**
 * Recall on the generator's labelled anomalies (an alert of the expected kind on the anomaly's
 * day), and noise: alerts explained neither by an anomaly nor by a routine event of the product
 * (a promotion, stock-out or buy-box spell, give or take a day at its edges), per 100 product-days.
 * The first 8 days are warm-up (no baseline yet) and are not scored.
 */
export async function measureAlertQuality(db: Database, catalog: DemoProduct[], from: string, to: string, productDays: number): Promise<AlertQuality> {
  const scoredFrom = addDays(from, 8);
  const alerts = await queryRows<{ asin: string; date: string; kind: string }>(
    db,
    sql`select distinct asin, date::text as date, kind from app.alerts where date between ${scoredFrom} and ${to}`,
  );
  const byAsin = new Map<string, Array<{ date: string; kind: string }>>();
  for (const a of alerts) byAsin.set(a.asin, [...(byAsin.get(a.asin) ?? []), a]);

  let anomalies = 0;
  let detected = 0;
  let explained = 0;
  let noise = 0;
  for (const product of catalog) {
    const own = byAsin.get(product.asin) ?? [];
    const labelled = injectedAnomalies(product, scoredFrom, to);
    anomalies += labelled.length;
    detected += labelled.filter((an) => own.some((al) => al.date === an.date && EXPECTED[an.kind].includes(al.kind))).length;
    const events = demoEvents(product, addDays(scoredFrom, -30), to);
    for (const alert of own) {
      const byAnomaly = labelled.some((an) => alert.date >= an.date && alert.date <= addDays(an.date, 3));
      const byEvent = events.some((ev) => alert.date >= addDays(ev.start, -1) && alert.date <= addDays(ev.end, 2));
      if (byAnomaly) continue;
      if (byEvent) explained += 1;
      else noise += 1;
    }
  }
  return {
    anomalies,
    detected,
    recall: anomalies ? detected / anomalies : 0,
    alerts: alerts.length,
    explainedByRoutineEvents: explained,
    noise,
    noisePer100ProductDays: (noise / productDays) * 100,
    productDays,
  };
}
