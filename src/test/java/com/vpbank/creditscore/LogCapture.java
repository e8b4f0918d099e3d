package com.vpbank.creditscore;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything the service logs at INFO and above, the production level, while open: an appender
 * on the root logger and on the request logger.
 */
final class LogCapture extends AbstractAppender implements AutoCloseable {

    static final String REQUEST_LOGGER = "creditscore.requests";

    /** One logged event: its level, its logger, and its message followed by every exception in its chain. */
    record Line(Level level, String logger, String text) {

        boolean isRequestLine() {
            return logger.equals(REQUEST_LOGGER);
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Level rootLevel;

    LogCapture() {
        super("capture", null, null, true, Property.EMPTY_ARRAY);
        start();
        Configuration configuration = context.getConfiguration();
        LoggerConfig root = configuration.getRootLogger();
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
        root.addAppender(this, Level.INFO, null);
        LoggerConfig requestLogger = new LoggerConfig(REQUEST_LOGGER, Level.INFO, false);
        requestLogger.addAppender(this, Level.INFO, null);
        configuration.addLogger(REQUEST_LOGGER, requestLogger);
        context.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder text = new StringBuilder(event.getMessage().getFormattedMessage());
        for (Throwable thrown = event.getThrown(); thrown != null; thrown = thrown.getCause()) {
            text.append(' ').append(thrown);
        }
        synchronized (lines) {
            lines.add(new Line(event.getLevel(), event.getLoggerName(), text.toString()));
        }
    }

    /** What was logged so far. */
    List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The request log's lines so far, one JSON object each. */
    List<String> requestLines() {
        return lines().stream().filter(Line::isRequestLine).map(Line::text).toList();
    }

    @Override
    public void close() {
        Configuration configuration = context.getConfiguration();
        configuration.getRootLogger().removeAppender(getName());
        configuration.getRootLogger().setLevel(rootLevel);
        configuration.removeLogger(REQUEST_LOGGER);
        context.updateLoggers();
        stop();
    }
}
