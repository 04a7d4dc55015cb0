import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";

import { SessionBadge } from "@/components/SessionBadge";
import { runtimeConfig } from "@/lib/config";
import { RuntimeConfigProvider } from "@/lib/RuntimeConfig";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "CMP Agents", template: "%s · CMP Agents" },
  description: "AI agents, sold and run through one GraphQL endpoint.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page reads the runtime configuration and live data: nothing is prerendered.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <RuntimeConfigProvider value={runtimeConfig()}>
          <a className="skip-link" href="#main">
            Skip to content
          </a>
          <header className="site-header">
            <Link href="/" className="brand">
              CMP Agents
            </Link>
            <nav aria-label="Main">
              <ul>
                <li>
                  <Link href="/">Catalog</Link>
                </li>
                <li>
                  <Link href="/account">Account</Link>
                </li>
              </ul>
            </nav>
            <SessionBadge />
          </header>
          <main id="main" className="page">
            {children}
          </main>
          <footer className="site-footer">
            <p>Every request goes to one GraphQL endpoint: the CMP router.</p>
          </footer>
        </RuntimeConfigProvider>
      </body>
    </html>
  );
}
