from faaslab import table

visits = table('visits')
# Wrong: "remember who is visiting" in a global. It is set by the first request this instance serves, and every
# later request on the warm instance, whoever sent it, is answered with that user's name and count.
visitor = None


def lambda_handler(event, context):
    global visitor
    if visitor is None:
        visitor = (event.get('queryStringParameters') or {}).get('user') or event.get('user') or 'anonymous'
    mine = visits.increment({'id': 'user#' + visitor}, 'count', 1)
    every = visits.increment({'id': 'all'}, 'count', 1)
    return {'user': visitor, 'visits': mine['value'], 'total': every['value']}
