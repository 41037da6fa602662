import nodemailer from "nodemailer";

export interface OutgoingEmail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Stable per outbox row, so a resend after a crash is recognisable as the same message. */
  messageId: string;
}

/** Where digests go: SMTP, or nowhere but the outbox table (no SMTP_URL). */
export type Mailer = { kind: "smtp"; send(email: OutgoingEmail): Promise<void> } | { kind: "outbox" };

/** nodemailer over an smtp:// or smtps:// URL (credentials and options in the URL, as nodemailer reads them). */
export function smtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    kind: "smtp",
    async send(email) {
      await transport.sendMail({ from: email.from, to: email.to, subject: email.subject, text: email.text, html: email.html, messageId: email.messageId });
    },
  };
}
