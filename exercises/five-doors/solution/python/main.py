# Cloud Run functions (the Functions Framework): Flask's request in, (body, status, headers) out.
import functions_framework

from core import quote


@functions_framework.http
def quote_http(request):
    answer = quote(request.method, request.args.to_dict(), request.get_data(as_text=True))
    return answer['body'], answer['status'], answer['headers']
