export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`; // a currency code Intl does not know
  }
}

export function formatCredits(credits: number): string {
  return `${new Intl.NumberFormat("en").format(credits)} ${Math.abs(credits) === 1 ? "credit" : "credits"}`;
}

export function formatDateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? value
    : new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date) + " UTC";
}

/** What a run returned, as text: Langflow's answer text when there is one, else the JSON. */
export function runOutputText(output: unknown): string | null {
  if (output === null || output === undefined) return null;
  if (typeof output === "string") return output;
  if (typeof output === "object" && "text" in output && typeof output.text === "string") return output.text;
  return JSON.stringify(output, null, 2);
}
