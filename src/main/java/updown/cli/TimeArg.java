package updown.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An instant on the command line: {@code 2022-01-05T10:00:00Z}, {@code 2022-01-05T10:00} (UTC) or {@code 2022-01-05}. */
public final class TimeArg implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        String v = value.strip();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException ignored) {
            // not an instant with a zone: try the other forms
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a time (use 2022-01-05T10:00:00Z, "
                    + "2022-01-05T10:00 or 2022-01-05, UTC)");
        }
    }
}
