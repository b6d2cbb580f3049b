package dev.faaslab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IdentityTest {

    @Nested
    class TheSandboxIdentity {

        final Identity identity = Identity.SANDBOX;

        @Test
        void namesTheSameAccountAndRegionAsBefore() {
            assertEquals("000000000000", identity.accountId());
            assertEquals("us-east-1", identity.region());
        }

        @Test
        void writesEachArnAsAwsDoes() {
            assertEquals("arn:aws:lambda:us-east-1:000000000000:function:hello", identity.functionArn("hello"));
            assertEquals("arn:aws:lambda:us-east-1:000000000000:function:hello:1", identity.functionArn("hello", "1"));
            assertEquals("arn:aws:lambda:us-east-1:000000000000:function:hello", identity.functionArn("hello", null));
            assertEquals("arn:aws:sqs:us-east-1:000000000000:orders", identity.queueArn("orders"));
            assertEquals("arn:aws:events:us-east-1:000000000000:rule/nightly", identity.ruleArn("nightly"));
            assertEquals("arn:aws:s3:::photos", Identity.bucketArn("photos"));
            assertEquals("AWS:000000000000", identity.principalId());
            assertEquals("/aws/lambda/hello", Identity.logGroupName("hello"));
        }
    }

    @Test
    void refusesAnAccountThatIsNotTwelveDigits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Identity("123", "us-east-1"));
        assertTrue(e.getMessage().contains("'123'"), e.getMessage());
    }

    @Test
    void refusesARegionThatDoesNotLookLikeOne() {
        assertThrows(IllegalArgumentException.class, () -> new Identity("123456789012", "mars"));
    }

    @Nested
    class TheMainSources {

        // Twelve zeros on their own (not inside a longer number such as 0x8000000000000000L), and ARN literals.
        static final Pattern ACCOUNT = Pattern.compile("(?<![0-9A-Za-z])0{12}(?![0-9A-Za-z])");
        static final Pattern ARN = Pattern.compile("\"arn:aws:");
        static final Path MAIN = Path.of("src/main/java");
        static final Path HOME = MAIN.resolve("dev/faaslab/core/Identity.java");

        @Test
        void nameTheAccountAndWriteArnsOnlyInTheIdentityClass() throws IOException {
            List<String> found = new ArrayList<>();
            try (Stream<Path> files = Files.walk(MAIN)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    if (file.equals(HOME)) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        if (ACCOUNT.matcher(line).find() || ARN.matcher(line).find()) {
                            found.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                        }
                    }
                }
            }
            assertTrue(found.isEmpty(), "the account id and ARN formats belong in core/Identity.java; found them in:\n"
                    + String.join("\n", found));
        }

        @Test
        void stillFindThemInTheIdentityClass() throws IOException {
            // Without this the test above would pass on a wrong path that matches no file.
            String home = Files.readString(HOME);
            assertTrue(ACCOUNT.matcher(home).find() && ARN.matcher(home).find());
        }
    }
}
