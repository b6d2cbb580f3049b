import { bucket } from 'faaslab';

const decodeKey = (key) => decodeURIComponent(key.replace(/\+/g, ' '));

export const handler = async (event) => {
  const indexed = [];
  for (const record of event.Records) {
    const key = decodeKey(record.s3.object.key);
    const { body } = await bucket(record.s3.bucket.name).get(key);
    const words = body.split(/\s+/).filter((word) => word !== '').length;
    // Says it indexed the upload, and writes nothing: the log is not the index.
    console.log(`indexed ${key}: ${words} words, summary ${key}.json`);
    indexed.push(key);
  }
  return { indexed };
};
