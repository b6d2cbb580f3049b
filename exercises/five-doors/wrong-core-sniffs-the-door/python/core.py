# The tea shop's quote service. Each adapter hands over its provider's own request, and the core tells the doors
# apart by what it finds in it.
import json

PRICES = {'tea': 350, 'coffee': 420, 'cake': 500}   # cents
JSON_TYPE = {'content-type': 'application/json'}


def answer(status, value):
    return {'status': status, 'headers': JSON_TYPE, 'body': json.dumps(value)}


def order_of(method, query, body):
    """The order a request asks about: the query of a GET, the JSON body of a POST."""
    if method == 'GET':
        return {'item': query.get('item'), 'qty': query.get('qty', 1)}
    try:
        return json.loads(body)
    except ValueError:
        return None


def whole_number(value):
    """value as a whole number (3, or '3'), or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(value) if isinstance(value, str) and value.isdigit() else None


def read(request):
    """method, query and body from whichever provider's request this is."""
    if isinstance(request, dict) and 'requestContext' in request:   # API Gateway's event: AWS Lambda
        return request['requestContext']['http']['method'], request['queryStringParameters'], request.get('body')
    if hasattr(request, 'args'):                                      # Flask: Cloud Run functions
        return request.method, request.args.to_dict(), request.get_data(as_text=True)
    return request.method, dict(request.params), request.get_body().decode()   # Azure Functions


def quote(request):
    """What qty of item costs: 200 with the quote, or 400, 404 or 405 with an error, always as JSON."""
    method, query, body = read(request)
    if method not in ('GET', 'POST'):
        return answer(405, {'error': f'{method} is not allowed here: use GET or POST'})
    order = order_of(method, query, body)
    if not isinstance(order, dict):
        return answer(400, {'error': 'the body must be a JSON object such as {"item": "tea", "qty": 2}'})
    if not order.get('item'):
        return answer(400, {'error': 'say which item: ?item=tea, or {"item": "tea"} in the body'})
    qty = whole_number(order.get('qty', 1))
    if qty is None or not 1 <= qty <= 100:
        return answer(400, {'error': 'qty must be a whole number from 1 to 100'})
    item = order['item']
    if not isinstance(item, str) or item not in PRICES:
        return answer(404, {'error': f'we do not sell {item}'})
    return answer(200, {'item': item, 'qty': qty, 'unitCents': PRICES[item], 'totalCents': PRICES[item] * qty})
