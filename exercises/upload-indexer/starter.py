from faaslab import bucket, table

# The bucket 'uploads' invokes this function, asynchronously, for every new object in it.
# For each upload: read the object, count its words, put an item in the table 'index'
# ({'key', 'bucket', 'words'}) and write a summary (JSON) to the bucket 'summaries' as key + '.json'.


def lambda_handler(event, context):
    indexed = []
    for record in event['Records']:
        source = record['s3']['bucket']['name']
        key = record['s3']['object']['key']  # TODO: S3 sends it URL-encoded ('+' for a space): decode it
        # TODO: read the object, count its words, write the item and the summary. The same event can arrive
        # more than once: name both after the upload, so that a duplicate rewrites and adds nothing.
        indexed.append(key)
    return {'indexed': indexed}
