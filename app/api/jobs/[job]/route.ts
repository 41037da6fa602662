// POST /api/jobs/{job} — queue deliveries: a valid Upstash-Signature or 401; 404 for an unknown job;
// 200 { ok: true } once the job ran, 500 (QStash retries) when it failed
import { jobDeliveryRoute } from "@/lib/jobs/receive-delivery";

export const dynamic = "force-dynamic";

export const POST = jobDeliveryRoute();
