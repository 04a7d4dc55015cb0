import type { Metadata } from "next";

import { InstanceView } from "@/components/instance/InstanceView";

export const metadata: Metadata = { title: "Instance" };

export default async function InstancePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <InstanceView id={id} />;
}
