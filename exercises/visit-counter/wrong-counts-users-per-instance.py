from faaslab import table

visits = table('visits')
# Wrong: the total is in the table, but each user's count is kept in this instance's memory, so it counts
# only the visits this instance happened to serve.
per_user = {}


def lambda_handler(event, context):
    user = (event.get('queryStringParameters') or {}).get('user') or event.get('user') or 'anonymous'
    per_user[user] = per_user.get(user, 0) + 1
    every = visits.increment({'id': 'all'}, 'count', 1)
    return {'user': user, 'visits': per_user[user], 'total': every['value']}
