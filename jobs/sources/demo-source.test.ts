import { describe, expect, it } from "vitest";
import { normalizeApifyItem } from "@/lib/products/normalize";
import { demoCatalog, demoProductFor } from "./demo/catalog";
import { createDemoSource } from "./demo-source";

describe("createDemoSource", () => {
  it("answers any ASIN with one item per ASIN on the marketplace's storefront, free", async () => {
    const source = createDemoSource();
    const asins = [demoCatalog(3)[2]!.asin, "B0NOTINCAT", "X123456789"];
    const result = await source.fetch({ asins, marketplace: "DE", date: "2026-03-10" });

    expect(result.costUsd).toBe(0);
    expect(source.estimateCostUsd(10_000)).toBe(0);
    expect(result.items.map((item) => (item as { url: string }).url)).toEqual(asins.map((asin) => `https://www.amazon.de/dp/${asin}`));
    for (const item of result.items) {
      expect(normalizeApifyItem(item, { date: "2026-03-10" })).toMatchObject({ ok: true, product: { marketplace: "DE" }, metrics: { currency: "EUR" } });
    }
    const [uk] = (await source.fetch({ asins: ["B0NOTINCAT"], marketplace: "UK", date: "2026-03-10" })).items;
    expect(uk).toMatchObject({ url: "https://www.amazon.co.uk/dp/B0NOTINCAT", loadedCountryCode: "GB" });
  });

  it("keeps catalogue products and derives stable, distinct ones for other ASINs", () => {
    const catalog = demoCatalog(1000);
    expect(demoProductFor(catalog[999]!.asin)).toEqual(catalog[999]);
    expect(demoProductFor("B0NOTINCAT")).toEqual(demoProductFor("B0NOTINCAT"));
    expect(demoProductFor("B0NOTINCAT")).toMatchObject({ asin: "B0NOTINCAT" });
    const derived = ["B0AAAAAAAA", "B0BBBBBBBB", "B0CCCCCCCC", "B0DDDDDDDD"].map((asin) => demoProductFor(asin).title);
    expect(new Set(derived).size).toBeGreaterThan(1);
  });
});
