package dev.faaslab;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The server's own log, set up in code (found by Logback through {@code META-INF/services}) rather
 * than from an XML file, whose parser costs a fresh JVM several tenths of a second at start-up. The
 * CLI's output is for people; the log says only what needs attention unless asked
 * ({@code -Dfaaslab.log=debug}, or {@code -Dfaaslab.log.watchdog=debug} for the memory watchdog's estimates).
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        // A worker process writes to the server's error stream: its lines say whose they are.
        String process = System.getProperty("faaslab.log.process");
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level " + (process == null ? "" : "[" + process + "] ")
                + "%logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("faaslab.log"), Level.WARN));
        root.addAppender(stderr);
        String watchdog = System.getProperty("faaslab.log.watchdog");
        if (watchdog != null) {
            context.getLogger("dev.faaslab.runtime.Watchdog").setLevel(Level.toLevel(watchdog, Level.DEBUG));
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
