package dev.faaslab.grader.report;

import dev.faaslab.grader.CheckResult;
import dev.faaslab.grader.CheckStatus;
import dev.faaslab.grader.Grade;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML, as CI servers and LMS plug-ins read it: one {@code testsuite} per submission, one {@code testcase}
 * per check; a failed check has a {@code failure}, one that did not run to a result (error, time-out, memory,
 * syntax) an {@code error}. Each test case's properties say how the check is made: {@code kind} (functional or
 * behavioural) and {@code probe} (functional, or the scenario: initOnce, idempotent …). Hidden checks are listed
 * by name; a failed one's message is only its hint.
 */
public final class JunitReport {

    private JunitReport() {
    }

    public static String xml(Grade grade) {
        long failures = grade.results().stream().filter(r -> r.status() == CheckStatus.FAIL).count();
        long errors = grade.results().stream()
                .filter(r -> r.status() != CheckStatus.FAIL && r.status() != CheckStatus.PASS).count();
        long millis = grade.results().stream().mapToLong(CheckResult::durationMs).sum();
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suiteName(grade));
            xml.writeAttribute("tests", Integer.toString(grade.results().size()));
            xml.writeAttribute("failures", Long.toString(failures));
            xml.writeAttribute("errors", Long.toString(errors));
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", seconds(millis));
            xml.writeCharacters("\n");
            xml.writeStartElement("properties");
            property(xml, "score", Integer.toString(grade.score()));
            property(xml, "maxScore", Integer.toString(grade.maxScore()));
            property(xml, "status", grade.status().label());
            xml.writeEndElement();
            xml.writeCharacters("\n");
            for (CheckResult result : grade.results()) {
                testcase(xml, grade, result);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    /** {@code greet-by-name.nodejs}: a suite per exercise and language, as a class per test file. */
    public static String suiteName(Grade grade) {
        return grade.exercise().id() + "." + grade.language().runtimeName();
    }

    private static void testcase(XMLStreamWriter xml, Grade grade, CheckResult result) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", clean(result.check().name()));
        xml.writeAttribute("classname", suiteName(grade));
        xml.writeAttribute("time", seconds(result.durationMs()));
        // Per test case, as pytest's record_property writes them: how the check is made, for whoever sorts them.
        xml.writeStartElement("properties");
        property(xml, "kind", result.check().kind());
        property(xml, "probe", result.check().probeKind());
        xml.writeEndElement();
        if (!result.verdict().passed()) {
            xml.writeStartElement(result.status() == CheckStatus.FAIL ? "failure" : "error");
            String message = Messages.of(grade, result);
            xml.writeAttribute("message", clean(message));
            xml.writeAttribute("type", result.status().label());
            xml.writeCharacters(clean(message));
            xml.writeEndElement();
        }
        if (!result.check().hidden() && !result.verdict().output().isEmpty()) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(clean(result.verdict().output()));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    /** A learner's output may hold control characters, which XML 1.0 cannot carry at all. */
    private static String clean(String text) {
        return text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "\uFFFD");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
