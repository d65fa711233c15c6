package updown.config;

/**
 * A secret setting (bot token, private key, API secret). Its text form is masked so it cannot leak through a log
 * line, an exception message or a record's toString; code that needs the value calls {@link #reveal()}.
 */
public final class Secret {
    private static final Secret EMPTY = new Secret("");
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isBlank() ? EMPTY : new Secret(value.strip());
    }

    public static Secret empty() {
        return EMPTY;
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "<unset>" : "<hidden>";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
