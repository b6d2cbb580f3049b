# Azure Functions (Python v2 model): the route 'quote' is served under /api/quote.
import azure.functions as func

from core import quote

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route='quote', methods=['GET', 'POST', 'DELETE'])
def quote_http(req: func.HttpRequest) -> func.HttpResponse:
    answer = quote(req.method, dict(req.params), req.get_body().decode())
    return func.HttpResponse(answer['body'], status_code=answer['status'], headers=answer['headers'])
