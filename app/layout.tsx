import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Shelfwatch", template: "%s · Shelfwatch" },
  description: "Amazon product monitoring and competitor analysis for sellers.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <a href="/" className="brand">Shelfwatch</a>
        </header>
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
