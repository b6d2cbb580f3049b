package dev.faaslab.events.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A handler's result, as the HTTP API (payload format 2.0) answers it")
class HttpApiResponseTest {

    private static final String ERROR_BODY = "{\"message\":\"Internal Server Error\"}";

    private static HttpResponseData map(String resultJson) {
        return HttpApiResponse.fromResult(resultJson);
    }

    private static void assertInternalServerError(HttpResponseData response) {
        assertEquals(500, response.status());
        assertEquals(List.of(new HttpHeader("Content-Type", "application/json")), response.headers());
        assertEquals(List.of(), response.cookies());
        assertEquals(ERROR_BODY, response.bodyText());
    }

    private static void assertInferred(String body, HttpResponseData response) {
        assertEquals(200, response.status());
        assertEquals(List.of(new HttpHeader("Content-Type", "application/json")), response.headers());
        assertEquals(List.of(), response.cookies());
        assertEquals(body, response.bodyText());
    }

    @Nested
    @DisplayName("without statusCode, is the body of a 200 application/json as it is")
    class WithoutStatusCode {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "{\"message\":\"hi\"}",
                "{ \"spaced\" :  1 }",
                "[1,2,3]",
                "[]",
                "{}",
                "42",
                "-1.5e3",
                "true",
                "false",
                "null",
                "{\"StatusCode\":404}",
                "{\"status\":404,\"body\":\"x\"}",
                "{\"nested\":{\"statusCode\":404}}",
                "[{\"statusCode\":404}]",
                "\n  {\"leading\":\"whitespace\"}\n",
                "{\"headers\":\"not an object\",\"cookies\":5,\"body\":{\"a\":[1]},\"isBase64Encoded\":true}",
        })
        void asItIs(String result) {
            assertInferred(result, map(result));
        }

        @Test
        @DisplayName("null (no result at all) included")
        void noResult() {
            assertInferred("null", map(null));
        }

        @Test
        @DisplayName("in UTF-8")
        void utf8() {
            HttpResponseData response = map("{\"name\":\"été 😀\"}");
            assertArrayEquals("{\"name\":\"été 😀\"}".getBytes(StandardCharsets.UTF_8), response.body());
        }
    }

    @Nested
    @DisplayName("as a JSON string, is unwrapped")
    class StringResult {

        @ParameterizedTest(name = "{0} sends {1}")
        @CsvSource(delimiter = '|', textBlock = """
                "Hello from Lambda!"             | Hello from Lambda!
                "say \\"hi\\""                   | say "hi"
                "caf\\u00e9"                     | café
                "[1,2]"                          | [1,2]
                "42"                             | 42
                "null"                           | null
                "{\\"key\\" : \\"value\\"}"      | {"key" : "value"}
                """)
        @DisplayName("its text the body of a 200 application/json")
        void unwrapped(String result, String body) {
            assertInferred(body, map(result));
        }

        @Test
        @DisplayName("an empty string an empty body")
        void empty() {
            assertInferred("", map("\"\""));
        }

        @Test
        @DisplayName("with line breaks kept")
        void lineBreaks() {
            assertInferred("line one\nline two", map("\"line one\\nline two\""));
        }

        @Test
        @DisplayName("a stringified response with statusCode honoured as a response")
        void stringifiedResponse() {
            HttpResponseData response = map("\"{\\\"statusCode\\\":404,\\\"body\\\":\\\"gone\\\"}\"");
            assertEquals(404, response.status());
            assertEquals("gone", response.bodyText());
            assertEquals("text/plain; charset=utf-8", response.header("content-type"));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"\"{\\\"key\\\"}\"", "\"  {broken\"", "\"{\\\"a\\\":1} trailing\""})
        @DisplayName("a string that opens an object but is not JSON a 500, as API Gateway answers \"{\\\"key\\\"}\"")
        void brokenObjectText(String result) {
            assertInternalServerError(map(result));
        }
    }

    @Nested
    @DisplayName("with statusCode, is a response")
    class WithStatusCode {

        @Test
        @DisplayName("with its status, headers in order, and body")
        void statusHeadersBody() {
            HttpResponseData response = map("""
                    {"statusCode": 201,
                     "headers": {"Content-Type": "text/html; charset=utf-8", "X-Id": "7", "location": "/x/7"},
                     "body": "<p>made</p>"}""");
            assertEquals(201, response.status());
            assertEquals(List.of(new HttpHeader("Content-Type", "text/html; charset=utf-8"), new HttpHeader("X-Id", "7"),
                    new HttpHeader("location", "/x/7")), response.headers());
            assertEquals("<p>made</p>", response.bodyText());
            assertEquals(List.of(), response.cookies());
        }

        @ParameterizedTest(name = "statusCode {0}")
        @ValueSource(ints = {100, 200, 204, 301, 302, 400, 404, 418, 500, 503, 599})
        @DisplayName("for any status from 100 to 599")
        void anyStatus(int status) {
            assertEquals(status, map("{\"statusCode\":" + status + "}").status());
        }

        @Test
        @DisplayName("with an empty body when it has none")
        void noBody() {
            HttpResponseData response = map("{\"statusCode\":204}");
            assertEquals(204, response.status());
            assertEquals(0, response.body().length);
        }

        @Test
        @DisplayName("sent as text/plain; charset=utf-8 when it has no headers")
        void defaultContentTypeWithoutHeaders() {
            HttpResponseData response = map("{\"statusCode\":200,\"body\":\"{\\\"a\\\":1}\"}");
            assertEquals(List.of(new HttpHeader("Content-Type", "text/plain; charset=utf-8")), response.headers());
            assertEquals("{\"a\":1}", response.bodyText());
        }

        @Test
        @DisplayName("sent as text/plain; charset=utf-8 when its headers name no content type, added last")
        void defaultContentTypeAddedLast() {
            HttpResponseData response = map("{\"statusCode\":200,\"headers\":{\"X-A\":\"1\"},\"body\":\"x\"}");
            assertEquals(List.of(new HttpHeader("X-A", "1"), new HttpHeader("Content-Type", "text/plain; charset=utf-8")),
                    response.headers());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"content-type", "Content-Type", "CONTENT-TYPE"})
        @DisplayName("keeping its own content type, whatever the name's case")
        void ownContentType(String name) {
            HttpResponseData response = map("{\"statusCode\":200,\"headers\":{\"" + name + "\":\"image/svg+xml\"}}");
            assertEquals(List.of(new HttpHeader(name, "image/svg+xml")), response.headers());
        }

        @Test
        @DisplayName("with numbers and booleans in headers and body sent as their text")
        void scalarsAsText() {
            HttpResponseData response = map("""
                    {"statusCode":200,"headers":{"X-Count":3,"X-Ok":true,"X-Ratio":1.5,"Content-Type":"text/plain"},
                     "body":42}""");
            assertEquals("3", response.header("x-count"));
            assertEquals("true", response.header("X-Ok"));
            assertEquals("1.5", response.header("X-Ratio"));
            assertEquals("42", response.bodyText());
        }

        @Test
        @DisplayName("with numbers sent as their value's text: -0 as 0, 1e3 as 1000.0, big integers whole")
        void numbersAsTheirValuesText() {
            HttpResponseData response = map("""
                    {"statusCode":200,"headers":{"X-Zero":-0,"X-Exp":1e3,"X-Big":123456789012345678901234567890,
                     "X-Long":2147483648},"body":-2.50}""");
            assertEquals("0", response.header("X-Zero"));
            assertEquals("1000.0", response.header("X-Exp"));
            assertEquals("123456789012345678901234567890", response.header("X-Big"));
            assertEquals("2147483648", response.header("X-Long"));
            assertEquals("-2.5", response.bodyText());
        }

        @Test
        @DisplayName("reading the last of duplicate fields, a duplicate header in the first one's place")
        void lastDuplicateWins() {
            HttpResponseData response = map("""
                    {"statusCode":500,"statusCode":201,"body":"first","body":"last","cookies":["a=1"],"cookies":null,
                     "headers":{"X-Old":"1"},"headers":{"X-A":"1","X-B":"2","X-A":"3","X-Gone":"4","X-Gone":null}}""");
            assertEquals(201, response.status());
            assertEquals("last", response.bodyText());
            assertEquals(List.of(), response.cookies());
            assertEquals(List.of(new HttpHeader("X-A", "3"), new HttpHeader("X-B", "2"),
                    new HttpHeader("Content-Type", "text/plain; charset=utf-8")), response.headers());
        }

        @Test
        @DisplayName("malformed when the last statusCode is, whatever came before; well-formed when only an earlier one was")
        void lastStatusCodeDecides() {
            assertInternalServerError(map("{\"statusCode\":200,\"statusCode\":\"200\"}"));
            assertEquals(204, map("{\"statusCode\":\"200\",\"statusCode\":204}").status());
            assertEquals(200, map("{\"statusCode\":200,\"headers\":[1],\"headers\":{}}").status());
        }

        @Test
        @DisplayName("treating null headers, cookies, body and header values as absent")
        void nullsAbsent() {
            HttpResponseData response = map("""
                    {"statusCode":200,"headers":null,"cookies":null,"body":null,"isBase64Encoded":null}""");
            assertEquals(List.of(new HttpHeader("Content-Type", "text/plain; charset=utf-8")), response.headers());
            assertEquals(List.of(), response.cookies());
            assertEquals(0, response.body().length);

            HttpResponseData skipped = map("{\"statusCode\":200,\"headers\":{\"X-Gone\":null,\"X-Here\":\"1\"}}");
            assertNull(skipped.header("X-Gone"));
            assertEquals("1", skipped.header("X-Here"));
        }

        @Test
        @DisplayName("ignoring multiValueHeaders, which format 2.0 does not read, and unknown fields")
        void ignoresMultiValueHeadersAndUnknownFields() {
            HttpResponseData response = map("""
                    {"statusCode":200,"multiValueHeaders":{"X-Multi":["a","b"],"Content-Type":["text/html"]},
                     "statusDescription":"200 OK","extra":{"deep":[1,2]},"body":"ok"}""");
            assertNull(response.header("X-Multi"));
            assertEquals("text/plain; charset=utf-8", response.header("Content-Type"));
            assertEquals("ok", response.bodyText());
        }

        @Test
        @DisplayName("with an empty headers object meaning the default content type")
        void emptyHeaders() {
            assertEquals(List.of(new HttpHeader("Content-Type", "text/plain; charset=utf-8")),
                    map("{\"statusCode\":200,\"headers\":{}}").headers());
        }
    }

    @Nested
    @DisplayName("with cookies, sends each as a Set-Cookie")
    class Cookies {

        @Test
        @DisplayName("in order, apart from any Set-Cookie in headers")
        void inOrder() {
            HttpResponseData response = map("""
                    {"statusCode":200,
                     "cookies":["session=abc; Path=/; HttpOnly","theme=dark; Max-Age=3600"],
                     "headers":{"Set-Cookie":"legacy=1"}}""");
            assertEquals(List.of("session=abc; Path=/; HttpOnly", "theme=dark; Max-Age=3600"), response.cookies());
            assertEquals("legacy=1", response.header("Set-Cookie"));
        }

        @Test
        @DisplayName("none for an empty array, and null entries skipped")
        void emptyAndNull() {
            assertEquals(List.of(), map("{\"statusCode\":200,\"cookies\":[]}").cookies());
            assertEquals(List.of("a=1"), map("{\"statusCode\":200,\"cookies\":[null,\"a=1\"]}").cookies());
        }
    }

    @Nested
    @DisplayName("with isBase64Encoded")
    class Base64Bodies {

        @Test
        @DisplayName("true, decodes the body to its bytes, every byte value")
        void decodes() {
            byte[] bytes = new byte[256];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
            HttpResponseData response = map("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"image/png\"},"
                    + "\"isBase64Encoded\":true,\"body\":\"" + Base64.getEncoder().encodeToString(bytes) + "\"}");
            assertArrayEquals(bytes, response.body());
            assertEquals("image/png", response.header("content-type"));
        }

        @Test
        @DisplayName("true, decodes line-wrapped base64 too")
        void lineWrapped() {
            byte[] bytes = "a long enough text to be wrapped over more than one line of base64 output, surely"
                    .getBytes(StandardCharsets.UTF_8);
            String wrapped = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes) + "\n";
            HttpResponseData response = map("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\""
                    + wrapped.replace("\n", "\\n") + "\"}");
            assertArrayEquals(bytes, response.body());
        }

        @ParameterizedTest(name = "isBase64Encoded {0}")
        @ValueSource(strings = {"false", "\"true\"", "1", "null"})
        @DisplayName("anything but true, sends the body as text")
        void notDecoded(String flag) {
            HttpResponseData response = map("{\"statusCode\":200,\"isBase64Encoded\":" + flag + ",\"body\":\"aGk=\"}");
            assertEquals("aGk=", response.bodyText());
        }

        @Test
        @DisplayName("true, decodes base64 without its padding")
        void unpadded() {
            assertEquals("hi", map("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"aGk\"}").bodyText());
        }

        @Test
        @DisplayName("true with no body, sends an empty body")
        void noBody() {
            assertEquals(0, map("{\"statusCode\":200,\"isBase64Encoded\":true}").body().length);
        }
    }

    @Nested
    @DisplayName("when malformed, is API Gateway's 500 Internal Server Error, never an exception")
    class Malformed {

        @ParameterizedTest(name = "«{0}»")
        @ValueSource(strings = {
                "",
                "   ",
                "not json",
                "undefined",
                "{\"statusCode\":200",
                "{\"statusCode\":200} trailing",
                "[1,2]]",
                "'single quotes'",
                "{\"statusCode\":\"200\"}",
                "{\"statusCode\":200.5}",
                "{\"statusCode\":200.0}",
                "{\"statusCode\":2e2}",
                "{\"statusCode\":null}",
                "{\"statusCode\":true}",
                "{\"statusCode\":[200]}",
                "{\"statusCode\":{}}",
                "{\"statusCode\":0}",
                "{\"statusCode\":-200}",
                "{\"statusCode\":99}",
                "{\"statusCode\":600}",
                "{\"statusCode\":2147483648}",
                "{\"statusCode\":200,\"headers\":\"Content-Type: text/plain\"}",
                "{\"statusCode\":200,\"headers\":[\"X-A\"]}",
                "{\"statusCode\":200,\"headers\":{\"X-A\":{\"nested\":1}}}",
                "{\"statusCode\":200,\"headers\":{\"X-A\":[\"a\",\"b\"]}}",
                "{\"statusCode\":200,\"headers\":{\"X-A\":\"one\\r\\nX-Injected: two\"}}",
                "{\"statusCode\":200,\"headers\":{\"X-A\":\"nul\\u0000\"}}",
                "{\"statusCode\":200,\"headers\":{\"\":\"empty name\"}}",
                "{\"statusCode\":200,\"headers\":{\"Bad Name\":\"x\"}}",
                "{\"statusCode\":200,\"headers\":{\"Bad:Name\":\"x\"}}",
                "{\"statusCode\":200,\"cookies\":\"a=1\"}",
                "{\"statusCode\":200,\"cookies\":{\"a\":\"1\"}}",
                "{\"statusCode\":200,\"cookies\":[{\"a\":\"1\"}]}",
                "{\"statusCode\":200,\"cookies\":[\"a=1\\nSet-Cookie: b=2\"]}",
                "{\"statusCode\":200,\"body\":{\"a\":1}}",
                "{\"statusCode\":200,\"body\":[1,2]}",
                "{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"not base64!\"}",
                "{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"aGk=\\n!!\"}",
                "{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"aG k=\"}",
                "\"{\\\"key\\\"}\"",
                "\"{\\\"statusCode\\\":\\\"200\\\"}\"",
        })
        void internalServerError(String result) {
            assertInternalServerError(map(result));
        }
    }

    @Nested
    @DisplayName("when the function fails, is 500 Internal Server Error")
    class FunctionError {

        @Test
        @DisplayName("with API Gateway's JSON message")
        void body() {
            assertInternalServerError(HttpApiResponse.functionError());
        }

        @Test
        @DisplayName("whose body each caller owns")
        void ownBody() {
            HttpResponseData first = HttpApiResponse.functionError();
            first.body()[0] = 'X';
            HttpResponseData second = HttpApiResponse.functionError();
            assertNotSame(first.body(), second.body());
            assertEquals(ERROR_BODY, second.bodyText());
        }
    }
}
