# What the providers' Python styles share (style/provider/ProviderStyle): the neutral event the host gives
# (kind http, queue, bucket, schedule or json) and the host's envelope for an HTTP answer.
import base64 as _provider_base64
import json as _provider_json


def provider_envelope(status, headers, body):
    """The host's envelope: status, [name, value] pairs, and the body (bytes, str or None) as base64."""
    if body is None:
        data = b''
    elif isinstance(body, str):
        data = body.encode('utf-8')
    else:
        data = bytes(body)
    return _provider_json.dumps({'status': int(status), 'headers': [[str(n), str(v)] for n, v in headers],
                                 'body': _provider_base64.b64encode(data).decode('ascii')})


def provider_body(event):
    """An HTTP event's body bytes."""
    return _provider_base64.b64decode(event['body']) if event.get('body') else b''
