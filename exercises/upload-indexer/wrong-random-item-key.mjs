import { bucket, table } from 'faaslab';

// Handles made once, in Init, and reused by every warm invocation, as an SDK client is on Lambda.
const index = table('index');
const summaries = bucket('summaries');

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
    // A fresh id for every item, as a database's auto-increment would give: every delivery is a new item.
    await index.put({ key: `${key}#${Math.random().toString(36).slice(2)}`, object: key, bucket: source, words });
    // The summary goes to another bucket: one written into 'uploads' would invoke this function again.
    await summaries.put(`${key}.json`, JSON.stringify({ key, words }), { contentType: 'application/json' });
    indexed.push(key);
  }
  return { indexed };
};
