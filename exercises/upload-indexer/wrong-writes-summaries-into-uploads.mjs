import { bucket, table } from 'faaslab';

// Handles made once, in Init, and reused by every warm invocation, as an SDK client is on Lambda.
const index = table('index');

// S3 sends the key URL-encoded as a form value: 'notes/shopping list.txt' arrives as 'notes/shopping+list.txt'.
const decodeKey = (key) => decodeURIComponent(key.replace(/\+/g, ' '));

export const handler = async (event) => {
  const indexed = [];
  for (const record of event.Records) {
    const source = record.s3.bucket.name;
    const key = decodeKey(record.s3.object.key);
    const { body } = await bucket(source).get(key);
    const words = body.split(/\s+/).filter((word) => word !== '').length;
    // Both writes are named after the object, not after this delivery: the same event delivered again
    // (at least once means it can be) rewrites the same item and the same summary, and adds nothing.
    await index.put({ key, bucket: source, words });
    // Keeps everything together: the summary beside the upload, under summaries/ (but 'uploads' invokes this
    // function for every new object in it, its own summaries included).
    await bucket(source).put(`summaries/${key}.json`, JSON.stringify({ key, words }), { contentType: 'application/json' });
    indexed.push(key);
  }
  return { indexed };
};
