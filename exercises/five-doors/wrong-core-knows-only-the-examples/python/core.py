"""Wrong: the core recognises the task's eight examples and answers each as the table says, computing nothing;
any other order (a coffee for seven, a 101st cake) gets a made-up answer."""
import json

JSON_TYPE = {'content-type': 'application/json'}


def answer(status, value):
    return {'status': status, 'headers': JSON_TYPE, 'body': json.dumps(value)}


def quote(method, query=None, body=''):
    query = query or {}
    if method not in ('GET', 'POST'):
        return answer(405, {'error': 'use GET or POST'})
    text = '%s/%s' % (query.get('item'), query.get('qty', '')) if method == 'GET' else str(body)
    if text == 'tea/':
        return answer(200, {'item': 'tea', 'qty': 1, 'unitCents': 350, 'totalCents': 350})
    if text == 'cake/3':
        return answer(200, {'item': 'cake', 'qty': 3, 'unitCents': 500, 'totalCents': 1500})
    if 'coffee' in text:
        return answer(200, {'item': 'coffee', 'qty': 2, 'unitCents': 420, 'totalCents': 840})
    if text == 'unicorn/':
        return answer(404, {'error': 'not on the price list'})
    return answer(400, {'error': 'bad order'})
