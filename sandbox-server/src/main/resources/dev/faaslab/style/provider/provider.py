# What the providers' Python styles share (style/provider/ProviderStyle): the neutral event the host gives
# (kind http, queue, bucket, schedule or json) and the host's envelope for an HTTP answer.
import base64 as _provider_base64
import json as _provider_json


def provider_envelope(status, headers, body):
    """The host's envelope: status, [name, value] pairs, and the body (bytes, str or None): text as `text`,
    bytes that are UTF-8 as `text` too, other bytes as base64 `body`."""
    pairs = [[str(n), str(v)] for n, v in headers]
    envelope = {'status': int(status), 'headers': pairs}
    if body is None:
        envelope['text'] = ''
    elif isinstance(body, str):
        envelope['text'] = body
    else:
        data = bytes(body)
        try:
            envelope['text'] = data.decode('utf-8')
        except UnicodeDecodeError:
            envelope['body'] = _provider_base64.b64encode(data).decode('ascii')
    return _provider_json.dumps(envelope)


def provider_body(event):
    """An HTTP event's body bytes."""
    return _provider_base64.b64decode(event['body']) if event.get('body') else b''
