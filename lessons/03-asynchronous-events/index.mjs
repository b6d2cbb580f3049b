import { bucket } from 'faaslab';

// Nobody waits for this function's answer when a bucket or a schedule calls it: the platform invokes it
// asynchronously, retries it when it fails, and may deliver the same event more than once.
export const handler = async (event) => {
  // S3, through a bucket subscription: one record per object written.
  if (event.Records?.[0]?.eventSource === 'aws:s3') {
    const receipts = [];
    for (const record of event.Records) {
      const source = record.s3.bucket.name;
      // Keys arrive URL-encoded as a form value: a space is '+'.
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      console.log(`upload: ${source}/${key}, ${record.s3.object.size} bytes`);
      // A receipt named after the upload, so a duplicate delivery rewrites it instead of adding one. It goes into
      // the bucket the upload came from: read the lesson before you trust that.
      const receipt = `receipts/${key}.txt`;
      await bucket(source).put(receipt, `received ${key} (${record.s3.object.size} bytes)\n`);
      receipts.push(receipt);
    }
    return { kind: 'upload', receipts };
  }

  // EventBridge Scheduler or a rule: one event per fire time, also asynchronous.
  if (event['detail-type'] === 'Scheduled Event') {
    console.log(`schedule: ${event.resources[0]} fired for ${event.time}`);
    return { kind: 'schedule', firedFor: event.time };
  }

  // API Gateway's HTTP API: the one caller here that waits for the answer.
  if (event.requestContext?.http) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'http', hint: 'upload an object to a bucket this function is subscribed to' }),
    };
  }

  // A direct invocation. {"fail": true} throws: sent asynchronously, the platform retries it.
  if (event.fail === true) throw new Error('asked to fail');
  return { kind: 'custom', fields: Object.keys(event) };
};
