# The tea shop's quote service, written once: plain values in, plain values out. Each door's adapter turns its
# provider's request into (method, query, body) and the answer back into its provider's response.
import json

PRICES = {'tea': 350, 'coffee': 420, 'cake': 500}   # cents


def quote(method, query, body):
    """What qty of item costs, as {'status', 'headers', 'body'}: see README.md for the eight answers."""
    # TODO: the order from the query (GET) or the JSON body (POST); 400, 404 and 405 as the task says.
    return {'status': 501, 'headers': {'content-type': 'application/json'},
            'body': json.dumps({'error': 'not written yet'})}
