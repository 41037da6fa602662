// Every module of route contracts, one line each: the OpenAPI document is built from all contracts
// these modules export. A new domain's routes appear in the document by adding its line here.
export * as alerts from "@/lib/alerts/contracts";
export * as apiKeys from "@/lib/api-keys/contracts";
export * as competitions from "@/lib/competitions/contracts";
export * as notifications from "@/lib/notifications/contracts";
export * as openapi from "./contracts";
export * as products from "@/lib/products/contracts";
export * as reports from "@/lib/reports/contracts";
export * as runs from "@/lib/runs/contracts";
export * as usage from "@/lib/usage/contracts";
