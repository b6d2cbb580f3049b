package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook receiver written as Lambda code is written for Slack's and Stripe's signed requests (CommonJS, the
 * callback-free async handler, Node's crypto, querystring, zlib and Buffer), deployed as it is and called over HTTP:
 * it decodes the base64 form body API Gateway sends, checks its HMAC-SHA256 signature in constant time, and answers
 * a gzipped Buffer as {@code isBase64Encoded}.
 */
@DisplayName("A webhook handler written for Lambda")
class WebhookHandlerTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String HANDLER = """
            'use strict';
            const crypto = require('crypto');
            const querystring = require('querystring');
            const zlib = require('zlib');

            exports.handler = async (event) => {
              const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
              const timestamp = event.headers['x-slack-request-timestamp'];
              const expected = 'v0=' + crypto.createHmac('sha256', process.env.SIGNING_SECRET)
                .update(`v0:${timestamp}:${raw}`).digest('hex');
              const given = Buffer.from(event.headers['x-slack-signature'] || '');
              if (given.length !== expected.length || !crypto.timingSafeEqual(given, Buffer.from(expected))) {
                return { statusCode: 401, body: 'invalid signature' };
              }
              const form = querystring.parse(raw);
              const reply = JSON.stringify({ text: `Hello, ${form.user_name}! You said: ${form.text}` });
              return {
                statusCode: 200,
                headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
                isBase64Encoded: true,
                body: zlib.gzipSync(Buffer.from(reply)).toString('base64'),
              };
            };
            """;

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(data);
        server.deployJs("slash", HANDLER, "\"handler\":\"index.handler\",\"environment\":{\"SIGNING_SECRET\":\"" + SECRET + "\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static TestServer.Reply post(String body, String signature) {
        return server.send(HttpRequest.newBuilder(server.uri("/fn/slash/commands"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("x-slack-request-timestamp", "1531420618")
                .header("x-slack-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    @DisplayName("answers a correctly signed form post with a gzipped JSON body, and refuses a wrong signature")
    void checksTheSignatureAndAnswersGzip() throws Exception {
        String body = "token=xyz&user_name=Ada+Lovelace&text=caf%C3%A9%20%26%20tea";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:1531420618:" + body).getBytes(StandardCharsets.UTF_8)));

        TestServer.Reply signed = post(body, signature);
        assertEquals(200, signed.status(), signed.body());
        assertEquals("gzip", signed.response().headers().firstValue("content-encoding").orElse(""));
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(signed.response().body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertEquals("{\"text\":\"Hello, Ada Lovelace! You said: café & tea\"}", text);

        TestServer.Reply forged = post(body, signature.replace('a', 'b').replace('1', '2'));
        assertEquals(401, forged.status());
        assertEquals("invalid signature", forged.body());
    }
}
