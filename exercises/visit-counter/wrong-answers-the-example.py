# Wrong: the answer the task shows for Ada's first visit, whatever happened. It counts nothing.
def lambda_handler(event, context):
    user = (event.get('queryStringParameters') or {}).get('user') or event.get('user') or 'anonymous'
    return {'user': user, 'visits': 1, 'total': 1}
