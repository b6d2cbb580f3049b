package dev.faaslab.events.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The HTTP API event (payload format 2.0)")
class HttpApiEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOV_23_2026 = Instant.parse("2026-11-23T10:15:30.123Z").toEpochMilli();

    /** A request with sensible defaults; each test changes what it looks at. */
    static final class Request {
        String method = "GET";
        String rawPath = "/";
        String rawQueryString = "";
        final List<HttpHeader> headers = new ArrayList<>();
        byte[] body = new byte[0];
        String sourceIp = "198.51.100.4";
        String domainName = "localhost:8080";
        String requestId = "KtUfbjJIg=";
        long time = NOV_23_2026;

        Request header(String name, String value) {
            headers.add(new HttpHeader(name, value));
            return this;
        }

        Request body(String contentType, byte[] bytes) {
            if (contentType != null) {
                header("Content-Type", contentType);
            }
            body = bytes;
            return this;
        }

        HttpRequestData data() {
            return new HttpRequestData(method, rawPath, rawQueryString, headers, body, sourceIp, domainName,
                    requestId, time);
        }

        JsonNode event() throws Exception {
            return JSON.readTree(HttpApiEvent.toJson(data()));
        }
    }

    private static Request request() {
        return new Request();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    @DisplayName("has API Gateway's envelope")
    class Envelope {

        @Test
        @DisplayName("with version 2.0 and the $default route")
        void versionAndRoute() throws Exception {
            JsonNode event = request().event();
            assertEquals("2.0", event.get("version").textValue());
            assertEquals("$default", event.get("routeKey").textValue());
        }

        @Test
        @DisplayName("with rawPath as the server computed it")
        void rawPath() throws Exception {
            Request request = request();
            request.rawPath = "/orders/42/items";
            assertEquals("/orders/42/items", request.event().get("rawPath").textValue());
        }

        @Test
        @DisplayName("with rawQueryString still percent-encoded, and \"\" when there is no query")
        void rawQueryString() throws Exception {
            Request request = request();
            request.rawQueryString = "q=a%20b&x=1+2";
            assertEquals("q=a%20b&x=1+2", request.event().get("rawQueryString").textValue());
            assertEquals("", request().event().get("rawQueryString").textValue());
        }

        @Test
        @DisplayName("without pathParameters or stageVariables, as a $default route on the $default stage")
        void noPathParametersOrStageVariables() throws Exception {
            JsonNode event = request().event();
            assertFalse(event.has("pathParameters"));
            assertFalse(event.has("stageVariables"));
        }

        @Test
        @DisplayName("with its fields in the order API Gateway writes them")
        void fieldOrder() throws Exception {
            Request request = request().header("Cookie", "a=1").body("text/plain", "hi".getBytes(StandardCharsets.UTF_8));
            request.rawQueryString = "a=1";
            assertEquals(List.of("version", "routeKey", "rawPath", "rawQueryString", "cookies", "headers",
                    "queryStringParameters", "requestContext", "body", "isBase64Encoded"), fieldNames(request.event()));
        }

        @Test
        @DisplayName("leaving out cookies, queryStringParameters and body when there are none, rather than null")
        void optionalFieldsAbsent() throws Exception {
            assertEquals(List.of("version", "routeKey", "rawPath", "rawQueryString", "headers", "requestContext",
                    "isBase64Encoded"), fieldNames(request().event()));
        }
    }

    @Nested
    @DisplayName("has headers")
    class Headers {

        @Test
        @DisplayName("with lower-cased names and values as sent")
        void lowerCasedNames() throws Exception {
            JsonNode headers = request().header("X-Request-Source", "Mixed Case, kept").header("ACCEPT", "*/*")
                    .event().get("headers");
            assertEquals("Mixed Case, kept", headers.get("x-request-source").textValue());
            assertEquals("*/*", headers.get("accept").textValue());
            assertEquals(List.of("x-request-source", "accept"), fieldNames(headers));
        }

        @Test
        @DisplayName("with a repeated header's values joined by commas, in order, whatever the names' case")
        void repeatedHeadersJoined() throws Exception {
            JsonNode headers = request().header("X-Tag", "a").header("Accept", "text/html").header("x-tag", "b")
                    .header("X-TAG", "c d").event().get("headers");
            assertEquals("a,b,c d", headers.get("x-tag").textValue());
            assertEquals(List.of("x-tag", "accept"), fieldNames(headers));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Cookie", "cookie", "COOKIE"})
        @DisplayName("without the Cookie header, which becomes the cookies array")
        void cookieHeaderLeftOut(String name) throws Exception {
            JsonNode event = request().header(name, "a=1").header("Host", "localhost").event();
            assertFalse(event.get("headers").has("cookie"));
            assertEquals("a=1", event.get("cookies").get(0).textValue());
        }

        @Test
        @DisplayName("as an empty object when the request had none")
        void emptyHeaders() throws Exception {
            JsonNode headers = request().event().get("headers");
            assertTrue(headers.isObject());
            assertEquals(0, headers.size());
        }
    }

    @Nested
    @DisplayName("has cookies")
    class Cookies {

        @ParameterizedTest(name = "Cookie: \"{0}\" gives {1}")
        @CsvSource(delimiter = '|', textBlock = """
                a=1                        | ["a=1"]
                session=abc; theme=dark    | ["session=abc","theme=dark"]
                a=1;b=2                    | ["a=1","b=2"]
                '  a=1 ;  b=2 ; '          | ["a=1","b=2"]
                token=x=y==; id="quoted"   | ["token=x=y==","id=\\"quoted\\""]
                lonely                     | ["lonely"]
                """)
        @DisplayName("split from the Cookie header, one entry per cookie")
        void splitFromHeader(String header, String expected) throws Exception {
            assertEquals(JSON.readTree(expected), request().header("Cookie", header).event().get("cookies"));
        }

        @Test
        @DisplayName("from every Cookie header, in order")
        void fromEveryCookieHeader() throws Exception {
            JsonNode cookies = request().header("Cookie", "a=1; b=2").header("Accept", "*/*").header("cookie", "c=3")
                    .event().get("cookies");
            assertEquals(JSON.readTree("[\"a=1\",\"b=2\",\"c=3\"]"), cookies);
        }

        @ParameterizedTest(name = "Cookie: \"{0}\"")
        @ValueSource(strings = {"", " ", ";", " ; ; "})
        @DisplayName("absent when the Cookie header holds no cookie")
        void absentWhenEmpty(String header) throws Exception {
            assertFalse(request().header("Cookie", header).event().has("cookies"));
        }

        @Test
        @DisplayName("absent when there is no Cookie header")
        void absentWithoutHeader() throws Exception {
            assertFalse(request().header("Accept", "*/*").event().has("cookies"));
        }
    }

    @Nested
    @DisplayName("has queryStringParameters")
    class QueryStringParameters {

        @ParameterizedTest(name = "?{0} gives {1}")
        @CsvSource(delimiter = '|', textBlock = """
                a=1                         | {"a":"1"}
                a=1&b=2                     | {"a":"1","b":"2"}
                a=1&a=2&a=3                 | {"a":"1,2,3"}
                b=1&a=2&b=3                 | {"b":"1,3","a":"2"}
                q=hello%20world             | {"q":"hello world"}
                q=a+b                       | {"q":"a b"}
                q=%2B1                      | {"q":"+1"}
                name=%C3%A9t%C3%A9          | {"name":"été"}
                emoji=%F0%9F%98%80          | {"emoji":"😀"}
                a%5B%5D=1                   | {"a[]":"1"}
                eq=a=b                      | {"eq":"a=b"}
                list=1,2                    | {"list":"1,2"}
                flag                        | {"flag":""}
                a=&b                        | {"a":"","b":""}
                a=1&&b=2&                   | {"a":"1","b":"2"}
                pct=100%                    | {"pct":"100%"}
                bad=%zz%4                   | {"bad":"%zz%4"}
                mixed=%41b%2                | {"mixed":"Ab%2"}
                """)
        @DisplayName("decoded, repeated names joined by commas")
        void decoded(String raw, String expected) throws Exception {
            Request request = request();
            request.rawQueryString = raw;
            JsonNode parameters = request.event().get("queryStringParameters");
            assertEquals(JSON.readTree(expected), parameters);
            assertEquals(fieldNames(JSON.readTree(expected)), fieldNames(parameters), "in order of first appearance");
        }

        @Test
        @DisplayName("absent when there is no query")
        void absentWithoutQuery() throws Exception {
            assertFalse(request().event().has("queryStringParameters"));
        }

        @Test
        @DisplayName("absent when the query holds no parameter")
        void absentWhenOnlySeparators() throws Exception {
            Request request = request();
            request.rawQueryString = "&&";
            assertFalse(request.event().has("queryStringParameters"));
        }
    }

    @Nested
    @DisplayName("has a body")
    class Body {

        private static final byte[] TEXT = "héllo \"world\"\n{}".getBytes(StandardCharsets.UTF_8);

        @ParameterizedTest(name = "{0}: base64 {1}")
        @CsvSource(delimiter = '|', nullValues = "(none)", textBlock = """
                text/plain                                   | false
                text/html; charset=utf-8                     | false
                TEXT/CSV                                     | false
                ' text/markdown '                            | false
                application/json                             | false
                application/json; charset=UTF-8              | false
                Application/JSON                             | false
                application/xml                              | false
                application/javascript                       | false
                application/x-www-form-urlencoded            | true
                multipart/form-data; boundary=----abc        | true
                application/octet-stream                     | true
                image/png                                    | true
                application/pdf                              | true
                application/vnd.api+json                     | true
                application/ld+json                          | true
                application/xhtml+xml                        | true
                application/jsonx                            | true
                text                                         | true
                ''                                           | true
                (none)                                       | true
                """)
        @DisplayName("as text for textual content types, else base64-encoded, as API Gateway measured does")
        void textOrBase64(String contentType, boolean base64) throws Exception {
            JsonNode event = request().body(contentType, TEXT).event();
            assertEquals(base64, event.get("isBase64Encoded").booleanValue());
            String expected = base64 ? Base64.getEncoder().encodeToString(TEXT) : new String(TEXT, StandardCharsets.UTF_8);
            assertEquals(expected, event.get("body").textValue());
        }

        @Test
        @DisplayName("whose bytes survive base64 exactly, every byte value")
        void binaryRoundTrip() throws Exception {
            byte[] bytes = new byte[256 * 3 + 1]; // not a multiple of 3, so the padding shows too
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
            JsonNode event = request().body("application/octet-stream", bytes).event();
            assertTrue(event.get("isBase64Encoded").booleanValue());
            String body = event.get("body").textValue();
            assertTrue(body.endsWith("="), body);
            assertFalse(body.contains("\n"));
            assertEquals(Base64.getEncoder().encodeToString(bytes), body);
        }

        @Test
        @DisplayName("whose text survives JSON escaping exactly")
        void textRoundTrip() throws Exception {
            String text = "{\"emoji\":\"😀\",\"tab\":\"\t\",\"nul\":\"\u0000\",\"back\":\"\\\\\"}\r\n";
            JsonNode event = request().body("application/json", text.getBytes(StandardCharsets.UTF_8)).event();
            assertFalse(event.get("isBase64Encoded").booleanValue());
            assertEquals(text, event.get("body").textValue());
        }

        @ParameterizedTest(name = "content type {0}")
        @NullAndEmptySource
        @ValueSource(strings = {"application/octet-stream", "text/plain"})
        @DisplayName("absent when empty, and then not base64-encoded")
        void absentWhenEmpty(String contentType) throws Exception {
            JsonNode event = request().body(contentType, new byte[0]).event();
            assertFalse(event.has("body"));
            assertFalse(event.get("isBase64Encoded").booleanValue());
        }
    }

    @Nested
    @DisplayName("has a requestContext")
    class RequestContext {

        @Test
        @DisplayName("with FaaS Lab's fixed account, API, route and stage")
        void fixedFields() throws Exception {
            JsonNode context = request().event().get("requestContext");
            assertAll(
                    () -> assertEquals("000000000000", context.get("accountId").textValue()),
                    () -> assertEquals("faaslab", context.get("apiId").textValue()),
                    () -> assertEquals("$default", context.get("routeKey").textValue()),
                    () -> assertEquals("$default", context.get("stage").textValue()),
                    () -> assertEquals("HTTP/1.1", context.get("http").get("protocol").textValue()));
        }

        @Test
        @DisplayName("with the request's method, path, source address, user agent and id")
        void requestFields() throws Exception {
            Request request = request().header("User-Agent", "Mozilla/5.0 (X11)");
            request.method = "PATCH";
            request.rawPath = "/a/b";
            request.sourceIp = "2001:db8::1";
            request.requestId = "Ab1=";
            JsonNode context = request.event().get("requestContext");
            JsonNode http = context.get("http");
            assertAll(
                    () -> assertEquals("PATCH", http.get("method").textValue()),
                    () -> assertEquals("/a/b", http.get("path").textValue()),
                    () -> assertEquals("2001:db8::1", http.get("sourceIp").textValue()),
                    () -> assertEquals("Mozilla/5.0 (X11)", http.get("userAgent").textValue()),
                    () -> assertEquals("Ab1=", context.get("requestId").textValue()));
        }

        @Test
        @DisplayName("with an empty userAgent when there is no User-Agent header")
        void noUserAgent() throws Exception {
            assertEquals("", request().event().get("requestContext").get("http").get("userAgent").textValue());
        }

        @ParameterizedTest(name = "{0} is \"{1}\"")
        @CsvSource(delimiter = '|', textBlock = """
                2026-11-23T10:15:30.123Z | 23/Nov/2026:10:15:30 +0000
                2020-03-12T19:03:58.390Z | 12/Mar/2020:19:03:58 +0000
                2027-01-05T00:00:00Z     | 05/Jan/2027:00:00:00 +0000
                2026-09-30T23:59:59.999Z | 30/Sep/2026:23:59:59 +0000
                1969-12-31T23:59:59.500Z | 31/Dec/1969:23:59:59 +0000
                """)
        @DisplayName("with time in API Gateway's format, in UTC, and timeEpoch in milliseconds")
        void time(String instant, String expected) throws Exception {
            Request request = request();
            request.time = Instant.parse(instant).toEpochMilli();
            JsonNode context = request.event().get("requestContext");
            assertEquals(expected, context.get("time").textValue());
            assertTrue(context.get("timeEpoch").isIntegralNumber());
            assertEquals(request.time, context.get("timeEpoch").longValue());
        }

        @Test
        @DisplayName("with the time text shared within a second and new for the next")
        void timeCache() {
            String first = RequestTime.format(NOV_23_2026);
            assertSame(first, RequestTime.format(NOV_23_2026 + 876));
            assertEquals("23/Nov/2026:10:15:31 +0000", RequestTime.format(NOV_23_2026 + 877));
            assertNotEquals(first, RequestTime.format(NOV_23_2026 - 124));
            assertEquals(first, RequestTime.format(NOV_23_2026));
        }

        @ParameterizedTest(name = "{0} has prefix \"{1}\"")
        @CsvSource(delimiter = '|', textBlock = """
                abc123.execute-api.us-east-1.amazonaws.com | abc123
                api.faaslab.test                           | api
                api.faaslab.test:8443                      | api
                localhost:8080                             | localhost
                localhost                                  | localhost
                [::1]:8080                                 | [::1]
                127.0.0.1:8080                             | 127
                ''                                         | ''
                """)
        @DisplayName("with domainName the Host header's value and domainPrefix its first label")
        void domain(String domainName, String prefix) throws Exception {
            Request request = request();
            request.domainName = domainName;
            JsonNode context = request.event().get("requestContext");
            assertEquals(domainName, context.get("domainName").textValue());
            assertEquals(prefix, context.get("domainPrefix").textValue());
        }
    }

    @Nested
    @DisplayName("matches a full example field by field")
    class Golden {

        private static final String EXPECTED = """
                {
                  "version": "2.0",
                  "routeKey": "$default",
                  "rawPath": "/orders/42",
                  "rawQueryString": "size=L&tag=a&tag=b%20c",
                  "cookies": ["session=abc", "theme=dark"],
                  "headers": {
                    "host": "api.faaslab.test",
                    "user-agent": "curl/8.5.0",
                    "content-type": "application/json",
                    "accept": "*/*",
                    "x-custom": "1,2",
                    "x-forwarded-for": "203.0.113.7"
                  },
                  "queryStringParameters": {"size": "L", "tag": "a,b c"},
                  "requestContext": {
                    "accountId": "000000000000",
                    "apiId": "faaslab",
                    "domainName": "api.faaslab.test",
                    "domainPrefix": "api",
                    "http": {
                      "method": "POST",
                      "path": "/orders/42",
                      "protocol": "HTTP/1.1",
                      "sourceIp": "203.0.113.7",
                      "userAgent": "curl/8.5.0"
                    },
                    "requestId": "LV7fzho-PHcEJPw=",
                    "routeKey": "$default",
                    "stage": "$default",
                    "time": "23/Nov/2026:10:15:30 +0000",
                    "timeEpoch": 1795428930123
                  },
                  "body": "{\\"item\\":\\"tea\\",\\"qty\\":2}",
                  "isBase64Encoded": false
                }
                """;

        @Test
        @DisplayName("for a POST with a JSON body, cookies, repeated headers and a query")
        void postWithEverything() throws Exception {
            Request request = request()
                    .header("Host", "api.faaslab.test")
                    .header("User-Agent", "curl/8.5.0")
                    .header("Content-Type", "application/json")
                    .header("Accept", "*/*")
                    .header("Cookie", "session=abc; theme=dark")
                    .header("X-Custom", "1")
                    .header("X-Custom", "2")
                    .header("X-Forwarded-For", "203.0.113.7");
            request.method = "POST";
            request.rawPath = "/orders/42";
            request.rawQueryString = "size=L&tag=a&tag=b%20c";
            request.body = "{\"item\":\"tea\",\"qty\":2}".getBytes(StandardCharsets.UTF_8);
            request.sourceIp = "203.0.113.7";
            request.domainName = "api.faaslab.test";
            request.requestId = "LV7fzho-PHcEJPw=";
            request.time = NOV_23_2026;

            List<Executable> checks = new ArrayList<>();
            compare("", JSON.readTree(EXPECTED), request.event(), checks);
            assertAll("event", checks);
        }

        /** One check per field, named by its path, so a mismatch says exactly where. */
        private static void compare(String path, JsonNode expected, JsonNode actual, List<Executable> checks) {
            if (expected.isObject() && actual != null && actual.isObject()) {
                checks.add(() -> assertEquals(fieldNames(expected), fieldNames(actual), path + ": fields, in order"));
                for (Map.Entry<String, JsonNode> field : expected.properties()) {
                    compare(path + "/" + field.getKey(), field.getValue(), actual.get(field.getKey()), checks);
                }
            } else {
                checks.add(() -> assertEquals(expected, actual, path));
            }
        }
    }
}
