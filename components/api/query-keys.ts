// The one place query keys are spelled, so an invalidation always matches the query it means.
export const queryKeys = {
  run: (id: string) => ["runs", id] as const,
  runs: ["runs"] as const,
  alertRules: ["alert-rules"] as const,
  apiKeys: ["api-keys"] as const,
  webhooks: ["webhooks"] as const,
  deliveries: (webhookId: string) => ["webhooks", webhookId, "deliveries"] as const,
  competitionReports: (id: string) => ["competitions", id, "reports"] as const,
};
