/**
 * Grafana OnCall's heartbeat of a webhook integration: `<integration link>heartbeat/`. When it is
 * not called within the timeout set in the OnCall UI (1 minute to 1 day; not settable through the
 * API or Terraform), OnCall itself raises an alert on that integration. The function calls it on
 * each valid canary, so OnCall hears of a dead mail path even when CloudWatch does not.
 */
export function heartbeatUrl(integrationUrl: string): string {
  return new URL("heartbeat/", integrationUrl.endsWith("/") ? integrationUrl : `${integrationUrl}/`).toString();
}

/** One GET with a short timeout; a non-2xx answer throws (the caller counts it, never fails on it). */
export async function sendHeartbeat(integrationUrl: string, timeoutMs = 3000, fetchImpl: typeof fetch = fetch): Promise<void> {
  const res = await fetchImpl(heartbeatUrl(integrationUrl), { method: "GET", headers: { "user-agent": "email-to-oncall/mail-to-alert" }, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299) throw new Error(`OnCall heartbeat answered ${res.status}`);
}
