from faaslab import table

visits = table('visits')


def add_one(key):
    # Wrong: read, add one, write back. Two instances that read the same count both write count + 1, and one
    # visit is lost; under a burst of 50, many are.
    item = visits.get(key)['item']
    count = (item or {}).get('count', 0) + 1
    visits.put(dict(key, count=count))
    return count


def lambda_handler(event, context):
    user = (event.get('queryStringParameters') or {}).get('user') or event.get('user') or 'anonymous'
    mine = add_one({'id': 'user#' + user})
    total = add_one({'id': 'all'})
    return {'user': user, 'visits': mine, 'total': total}
