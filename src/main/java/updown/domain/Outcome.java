package updown.domain;

/** One of the two outcome tokens of an up/down market. */
public enum Outcome {
    UP, DOWN;

    public Outcome other() {
        return this == UP ? DOWN : UP;
    }
}
