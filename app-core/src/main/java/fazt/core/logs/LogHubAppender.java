package fazt.core.logs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/** Feeds every Logback event into {@link LogHub#shared()}; named in logback.xml. */
public final class LogHubAppender extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
        var mdc = event.getMDCPropertyMap();
        LogHub.shared().publish(event.getLevel().toString(), event.getLoggerName(), event.getFormattedMessage(),
                mdc.get("app"), mdc.get("request_id"));
    }
}
