import faaslab
from faaslab import table

# Two counters of the same visits. One lives in this instance's memory; the other in the table `visits`,
# which every instance of the function reads and writes (make it with the lesson's link first).
visits = table('visits')
instance_count = 0   # a global: this instance's own, gone when the instance is
last_visitor = None  # a global too, and a mistake: it outlives the request that set it


def lambda_handler(event, context):
    global instance_count, last_visitor
    # An HTTP request (/fn/state-elsewhere?name=Ada) or a plain event ({"name": "Ada"}); the traffic
    # generator's requests carry no name.
    query = event.get('queryStringParameters') or {}
    name = query.get('name') or event.get('name') or 'anonymous'

    instance_count += 1  # counts only the requests this instance served

    try:
        # An atomic increment: the table adds 1 and answers the new count, whichever instance asks.
        table_count = visits.increment({'id': 'all'}, 'count', 1)['value']
    except faaslab.ResourceNotFoundException:
        return {'name': name, 'instanceCount': instance_count,
                'note': 'The table visits does not exist yet: follow the lesson’s link that makes it.'}

    # The previous visitor of this instance, whoever that was: another user's data in your answer.
    previous_visitor = last_visitor
    last_visitor = name
    return {'name': name, 'instanceCount': instance_count, 'tableCount': table_count,
            'previousVisitor': previous_visitor}
