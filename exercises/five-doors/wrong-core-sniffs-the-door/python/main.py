# Cloud Run functions: Flask's request goes to the core as it is.
import functions_framework

from core import quote


@functions_framework.http
def quote_http(request):
    answer = quote(request)
    return answer['body'], answer['status'], answer['headers']
