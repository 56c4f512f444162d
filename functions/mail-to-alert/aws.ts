import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { UrlSource } from "./config";
import type { MailSource } from "./handler";

/** Raw mail from the event's bucket; errors (throttling, access, missing object) propagate so Lambda retries. */
export function s3MailSource(bucket: string, region: string): MailSource {
  const s3 = new S3Client({ region });
  return {
    async get(key) {
      const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!res.Body) throw new Error("S3 GetObject returned no body");
      return res.Body.transformToByteArray();
    },
  };
}

/**
 * Integration URL, fetched once per cold start (the promise is cached; a failure is not, so the
 * next invocation tries again). The value is a credential: it is never logged.
 */
export function integrationUrlResolver(source: UrlSource, region: string): () => Promise<string> {
  if (source.kind === "direct") return () => Promise.resolve(source.url);
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= new SSMClient({ region })
      .send(new GetParameterCommand({ Name: source.name, WithDecryption: true }))
      .then((r) => {
        const url = r.Parameter?.Value;
        if (!url || !/^https?:\/\//.test(url)) throw new Error(`SSM parameter ${source.name} does not hold an http(s) URL`);
        return url;
      })
      .catch((e: unknown) => {
        cached = undefined;
        throw e;
      });
    return cached;
  };
}
