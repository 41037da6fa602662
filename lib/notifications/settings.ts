import "server-only";
import { config } from "@/lib/config/env";
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from "./delivery-policy";
import { smtpMailer, type Mailer } from "./mailer";

/** What notifications need from the environment, read once per process. */
export interface NotificationSettings {
  allowPrivateTargets: boolean;
  policy: DeliveryPolicy;
  mailer: Mailer;
  emailFrom: string;
  /** Dashboard base URL for links in digests. */
  appUrl: string;
}

const GLOBAL_KEY = Symbol.for("shelfwatch.notification-settings");
type GlobalWithSettings = typeof globalThis & { [GLOBAL_KEY]?: NotificationSettings };

export function notificationSettings(): NotificationSettings {
  const g = globalThis as GlobalWithSettings;
  if (!g[GLOBAL_KEY]) {
    const cfg = config().notifications;
    g[GLOBAL_KEY] = {
      allowPrivateTargets: cfg.allowPrivateTargets,
      policy: DEFAULT_DELIVERY_POLICY,
      mailer: cfg.smtpUrl ? smtpMailer(cfg.smtpUrl) : { kind: "outbox" },
      emailFrom: cfg.emailFrom,
      appUrl: cfg.appUrl,
    };
  }
  return g[GLOBAL_KEY];
}

/**
 * Replaces some settings for the rest of this process (tests: a local SMTP server, a receiver on
 * 127.0.0.1, a fast retry schedule) and returns the function that puts the previous ones back.
 */
export function overrideNotificationSettings(patch: Partial<NotificationSettings>): () => void {
  const g = globalThis as GlobalWithSettings;
  const previous = notificationSettings();
  g[GLOBAL_KEY] = { ...previous, ...patch };
  return () => {
    g[GLOBAL_KEY] = previous;
  };
}
