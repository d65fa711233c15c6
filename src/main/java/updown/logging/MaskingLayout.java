package updown.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The pattern layout of every appender (console and files): the formatted line, stack trace included, passes
 * through a {@link SecretMasker} before it is written. It starts with the secret shapes only; {@link LogSetup} hands
 * it the configured secrets once the settings are loaded. The masker lives in this layout instance — owned by the
 * logging context — not in a static field.
 */
public final class MaskingLayout extends PatternLayout {
    private volatile SecretMasker masker = SecretMasker.shapesOnly();

    public void useMasker(SecretMasker next) {
        this.masker = next;
    }

    public SecretMasker masker() {
        return masker;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return masker.mask(super.doLayout(event));
    }
}
