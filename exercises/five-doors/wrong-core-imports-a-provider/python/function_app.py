# Azure Functions (Python v2 model): the route 'quote' is served under /api/quote.
import azure.functions as func

from core import http_response, quote

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route='quote', methods=['GET', 'POST', 'DELETE'])
def quote_http(req: func.HttpRequest) -> func.HttpResponse:
    return http_response(quote(req.method, dict(req.params), req.get_body().decode()))
