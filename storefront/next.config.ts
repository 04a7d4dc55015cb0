import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The storefront's build is shared by every router it is pointed at: the GraphQL URLs are
  // read when a request is served (src/lib/config.ts), never baked into the bundle.
};

export default config;
