# Counts visits, per user and in all. It works when you try it alone, one instance at a time...
total = 0
per_user = {}


def user_of(event):
    query = event.get('queryStringParameters') or {}
    return query.get('user') or event.get('user') or 'anonymous'


def lambda_handler(event, context):
    global total
    user = user_of(event)
    # TODO: these counts live in this instance's memory. Keep them in the table 'visits' (key: {'id': ...})
    # instead, where every instance sees the same count, with table('visits').increment(key, 'count', 1).
    total += 1
    per_user[user] = per_user.get(user, 0) + 1
    return {'user': user, 'visits': per_user[user], 'total': total}
