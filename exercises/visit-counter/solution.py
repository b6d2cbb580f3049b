from faaslab import table

# The table handle is made once, in Init, as an SDK client is on Lambda. It holds no visit: every count lives
# in the table, where every instance reads and writes the same item.
visits = table('visits')


def user_of(event):
    """The user's name: from the query string of an HTTP request (/fn/visit-counter?user=ada), or a plain event."""
    query = event.get('queryStringParameters') or {}
    return query.get('user') or event.get('user') or 'anonymous'


def lambda_handler(event, context):
    user = user_of(event)  # read from this event, never kept in a global: the next request may be another's
    # increment adds atomically in the table, so visits from 50 instances at once are all counted. A get then a
    # put would lose the visits that land between the two.
    mine = visits.increment({'id': 'user#' + user}, 'count', 1)
    every = visits.increment({'id': 'all'}, 'count', 1)
    return {'user': user, 'visits': mine['value'], 'total': every['value']}
