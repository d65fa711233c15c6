package updown.net;

/** A final HTTP answer: 2xx, or a 4xx other than 429 (the caller decides what a 404 means). */
public record HttpReply(int status, String body) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
