# Cloud Run functions (the Functions Framework): Flask's request in, (body, status, headers) out.
import functions_framework

from core import quote


@functions_framework.http
def quote_http(request):
    # TODO: call quote() with the request's method, query and body, and answer with what it says.
    return 'not written yet', 501
