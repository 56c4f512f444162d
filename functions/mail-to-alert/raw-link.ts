/**
 * S3 console link to the raw mail. Chosen over a presigned URL: it needs an AWS sign-in (the alert
 * travels through chat, SMS and phone apps, where a bearer link to customer mail would leak), it
 * never expires during a long incident, and it needs no signing code or credentials at runtime.
 */
export function consoleObjectUrl(region: string, bucket: string, key: string): string {
  const q = new URLSearchParams({ region, bucketType: "general", prefix: key });
  return `https://${region}.console.aws.amazon.com/s3/object/${encodeURIComponent(bucket)}?${q.toString()}`;
}
