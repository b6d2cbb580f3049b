# AWS Lambda behind API Gateway: the whole quote worked out here, where Lambda's event is at hand.
import base64
import json

PRICES = {'tea': 350, 'coffee': 420, 'cake': 500}


def answer(status, value):
    return {'statusCode': status, 'headers': {'content-type': 'application/json'}, 'body': json.dumps(value)}


def lambda_handler(event, context):
    method = event['requestContext']['http']['method']
    if method not in ('GET', 'POST'):
        return answer(405, {'error': f'{method} is not allowed here: use GET or POST'})
    if method == 'GET':
        query = event.get('queryStringParameters') or {}
        order = {'item': query.get('item'), 'qty': query.get('qty', 1)}
    else:
        body = event.get('body') or ''
        if event.get('isBase64Encoded'):
            body = base64.b64decode(body).decode()
        try:
            order = json.loads(body)
        except ValueError:
            order = None
    if not isinstance(order, dict):
        return answer(400, {'error': 'the body must be a JSON object such as {"item": "tea", "qty": 2}'})
    if not order.get('item'):
        return answer(400, {'error': 'say which item: ?item=tea, or {"item": "tea"} in the body'})
    qty = order.get('qty', 1)
    if isinstance(qty, str) and qty.isdigit():
        qty = int(qty)
    if not isinstance(qty, int) or isinstance(qty, bool) or not 1 <= qty <= 100:
        return answer(400, {'error': 'qty must be a whole number from 1 to 100'})
    item = order['item']
    if item not in PRICES:
        return answer(404, {'error': f'we do not sell {item}'})
    return answer(200, {'item': item, 'qty': qty, 'unitCents': PRICES[item], 'totalCents': PRICES[item] * qty})
