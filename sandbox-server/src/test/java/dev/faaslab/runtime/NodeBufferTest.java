package dev.faaslab.runtime;

import static dev.faaslab.runtime.TestRuntime.invokeOnce;
import static dev.faaslab.runtime.TestRuntime.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The part of Node's {@code Buffer}, {@code atob} and {@code btoa} that an HTTP handler uses to read a base64 body and
 * send one back, giving what Node.js 22 gives (each expected value was printed by {@code node -e}).
 */
@DisplayName("A JavaScript function decodes and encodes as Node.js does")
class NodeBufferTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            a base64 JSON body, as text                 | Buffer.from('eyJuYW1lIjogIkFkYSJ9', 'base64').toString('utf8') | '"{\\"name\\": \\"Ada\\"}"'
            unpadded base64, as text by default         | Buffer.from('R3LDvMOfZSDinJMg8J+YgA', 'base64').toString()     | '"Grüße ✓ 😀"'
            text beyond ASCII, as base64                | Buffer.from('Grüße ✓ 😀').toString('base64')                   | '"R3LDvMOfZSDinJMg8J+YgA=="'
            a form body, as base64                      | Buffer.from('name=Ada&x=%20', 'utf8').toString('base64')       | '"bmFtZT1BZGEmeD0lMjA="'
            bytes that are not UTF-8, as text           | Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0xc3, 0x28]).toString('utf8') | '"\\ufffdPNG\\ufffd\\ufffd\\ufffd("'
            bytes, as hex                               | Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('hex')          | '"89504e47"'
            the length of text in bytes                 | Buffer.byteLength('Grüße')                                     | 7
            whether a value is a Buffer                 | [Buffer.isBuffer(Buffer.from('x')), Buffer.isBuffer('x')]      | [true,false]
            atob and btoa                               | [atob('SGVsbG8='), btoa('Hello')]                              | ["Hello","SGVsbG8="]
            """)
    void asNodeDoes(String what, String expression, String expected) {
        String code = "export const handler = async () => " + expression + ";";
        String actual = json(invokeOnce("index.mjs", code, "{}"));
        assertEquals(expected.replace("\\ufffd", "\ufffd"), actual.replace("\\ufffd", "\ufffd"), what);
    }
}
