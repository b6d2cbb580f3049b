# Wrong: the counts live in one instance's memory. Under a burst each instance counts only its own visits,
# and a new instance starts again from 0.
total = 0
per_user = {}


def lambda_handler(event, context):
    global total
    user = (event.get('queryStringParameters') or {}).get('user') or event.get('user') or 'anonymous'
    total += 1
    per_user[user] = per_user.get(user, 0) + 1
    return {'user': user, 'visits': per_user[user], 'total': total}
