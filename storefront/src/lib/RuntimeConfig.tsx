"use client";

import { createContext, useContext, type ReactNode } from "react";

import { DEFAULT_CHANNEL, DEFAULT_GRAPHQL_URL, DEFAULT_PAYMENT_GATEWAY, type RuntimeConfig } from "./config";

const Context = createContext<RuntimeConfig>({
  graphqlUrl: DEFAULT_GRAPHQL_URL,
  channel: DEFAULT_CHANNEL,
  paymentGateway: DEFAULT_PAYMENT_GATEWAY,
  devTokens: false,
  documentIds: false,
});

export function RuntimeConfigProvider({ value, children }: { value: RuntimeConfig; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useRuntimeConfig(): RuntimeConfig {
  return useContext(Context);
}
