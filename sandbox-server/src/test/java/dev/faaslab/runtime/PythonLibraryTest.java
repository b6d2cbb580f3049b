package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The standard library a Lambda Python handler uses, and a /tmp as Lambda's: the instance's own, for as long as it is warm. */
@DisplayName("A Python function")
class PythonLibraryTest {

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return dev.faaslab.core.Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static FunctionConfig python(String code) {
        return TestRuntime.config("lambda_function.py", code, Duration.ofSeconds(60), 512, Map.of());
    }

    @Test
    @DisplayName("imports the standard modules real Lambda handlers use, and each does its work")
    void usesTheStandardLibrary() {
        String result = json(TestRuntime.invokeOnce(python("""
                import json, base64, hashlib, hmac, uuid, datetime, zoneinfo, decimal, re, urllib.parse, gzip, zlib
                import dataclasses, typing, logging, collections, itertools, functools, math, random, secrets, time
                import io, csv, email, html, struct, enum, copy

                @dataclasses.dataclass
                class Order:
                    item: str
                    count: int = 1

                def lambda_handler(event, context):
                    paris = datetime.datetime(2026, 7, 1, 12, tzinfo=zoneinfo.ZoneInfo('Europe/Paris'))
                    return [
                        hashlib.sha256(b'abc').hexdigest()[:16],
                        hmac.new(b'key', b'The quick brown fox jumps over the lazy dog', 'sha256').hexdigest()[:16],
                        base64.b64decode(base64.b64encode(b'hi')).decode(),
                        len(str(uuid.uuid4())),
                        paris.isoformat(), paris.astimezone(datetime.timezone.utc).hour,
                        str(decimal.Decimal('0.1') + decimal.Decimal('0.2')),
                        urllib.parse.parse_qs('a=1&b=x+y'),
                        gzip.decompress(gzip.compress(b'zip')).decode(), zlib.crc32(b'hello'),
                        dataclasses.asdict(Order('tea')),
                        list(csv.reader(io.StringIO('a,b'))),
                        email.message_from_string('Subject: hi\\n\\nbody')['Subject'],
                        html.escape('<b>'), struct.unpack('>I', b'\\x00\\x00\\x00\\x05')[0],
                        len(secrets.token_hex(8)), re.sub(r'\\d', '#', 'a1b2'),
                        collections.Counter('aab').most_common(1), math.isqrt(17),
                    ]
                """), "{}"));
        assertEquals(tree("[\"ba7816bf8f01cfea\",\"f7bc83f430538424\",\"hi\",36,\"2026-07-01T12:00:00+02:00\",10,\"0.3\","
                + "{\"a\":[\"1\"],\"b\":[\"x y\"]},\"zip\",907060870,{\"item\":\"tea\",\"count\":1},[[\"a\",\"b\"]],\"hi\","
                + "\"&lt;b&gt;\",5,16,\"a#b#\",[[\"a\",2]],4]"), tree(result));
    }

    @Test
    @DisplayName("writes /tmp with open and tempfile, finds it there on the next warm invocation, and nowhere else")
    void writesTmp() {
        try (FunctionInstance instance = TestRuntime.deploy(python("""
                import os, tempfile

                def lambda_handler(event, context):
                    if event.get('write'):
                        with open('/tmp/cache.json', 'w') as f:
                            f.write('{"warm": true}')
                        with tempfile.NamedTemporaryFile(delete=False, suffix='.txt') as t:
                            t.write(b'x' * 1000)
                    found = sorted(os.listdir('/tmp'))
                    refused = []
                    for path in ('/etc/passwd', '/var/task/x', '/tmp/../etc/hostname', '/usr/share/zoneinfo/../../../etc/passwd'):
                        try:
                            open(path).read()
                            refused.append('READ ' + path)
                        except OSError as e:
                            refused.append(type(e).__name__)
                    return {'cache': open('/tmp/cache.json').read(), 'files': len(found), 'tempdir': tempfile.gettempdir(),
                            'cwd': os.getcwd(), 'refused': refused}
                """)).newInstance()) {
            instance.invoke("{\"write\": true}");
            String warm = json(instance.invoke("{}"));
            assertEquals(tree("{\"cache\":\"{\\\"warm\\\": true}\",\"files\":2,\"tempdir\":\"/tmp\",\"cwd\":\"/var/task\","
                    + "\"refused\":[\"PermissionError\",\"PermissionError\",\"PermissionError\",\"PermissionError\"]}"), tree(warm));
        }
        String fresh = json(TestRuntime.invokeOnce(python("""
                import os
                def lambda_handler(event, context):
                    return os.listdir('/tmp')
                """), "{}"));
        assertEquals("[]", fresh, "a new instance's /tmp is empty");
    }

    @Test
    @DisplayName("cannot fill more than its /tmp, and is told how much it has")
    void boundsTmp() {
        String result = json(TestRuntime.invokeOnce(python("""
                def lambda_handler(event, context):
                    try:
                        with open('/tmp/big', 'wb') as f:
                            for _ in range(64):
                                f.write(b'x' * (1 << 20))
                    except OSError as e:
                        return str(e)
                    return 'wrote 64 MB'
                """), "{}"));
        assertTrue(result.contains("No space left on device") && result.contains("32 MB of /tmp"), result);
    }
}
