// One function, many triggers. Each service that can call a function sends its own shape of
// event, and nothing in the call says which service it was: the function tells them apart by
// the fields only that service sends.
export const handler = async (event, context) => {
  // API Gateway's HTTP API (payload 2.0): a request to /fn/event-kinds/... answered synchronously.
  if (event.requestContext?.http) {
    const { method, path } = event.requestContext.http;
    console.log(`http: ${method} ${path}`);
    // An HTTP answer has a status, headers and a body (a string); a plain object would do as well,
    // becoming a 200 with a JSON body, but spelling it out shows what goes back to the caller.
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'http', method, path, query: event.queryStringParameters ?? {} }),
    };
  }

  // Queue and upload events both carry Records[]; eventSource says which service sent them.
  // SQS, through an event source mapping: a batch of messages in Records[].
  if (event.Records?.[0]?.eventSource === 'aws:sqs') {
    const batchItemFailures = [];
    for (const record of event.Records) {
      try {
        const order = JSON.parse(record.body);
        console.log(`queue: message ${record.messageId}, receive ${record.attributes.ApproximateReceiveCount}:`, order);
      } catch (e) {
        // Report only this message as failed: the others are deleted, this one comes back later.
        console.error(`queue: message ${record.messageId} is not JSON (${e.message})`);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { kind: 'queue', messages: event.Records.length, batchItemFailures };
  }

  // S3, through a bucket subscription: one record per object written or deleted.
  if (event.Records?.[0]?.eventSource === 'aws:s3') {
    const { bucket, object } = event.Records[0].s3;
    // Keys arrive URL-encoded as a form value: a space is '+'.
    const key = decodeURIComponent(object.key.replace(/\+/g, ' '));
    console.log(`upload: ${event.Records[0].eventName} ${bucket.name}/${key}`);
    return { kind: 'upload', bucket: bucket.name, key, size: object.size };
  }

  // EventBridge, through a schedule: one event per fire time, with an empty detail.
  if (event['detail-type'] === 'Scheduled Event') {
    console.log(`schedule: ${event.resources[0]} fired for ${event.time}`);
    return { kind: 'schedule', rule: event.resources[0], firedFor: event.time };
  }

  // Anything else came from a direct invocation, whose event is whatever the caller sent.
  console.log('custom event:', event);
  // A way to see a failure handled by the platform: {"fail": true} throws, and an asynchronous call is retried.
  if (event.fail) throw new Error('asked to fail');
  return { kind: 'custom', fields: Object.keys(event) };
};
