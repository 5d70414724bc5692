package vn.provpulse.ingest;

/** Numbers written in ASCII digits at a known place of a text, read by hand where a formatter costs too much per value. */
final class AsciiDigits {
    private AsciiDigits() {}

    /** The number written with {@code count} ASCII digits from {@code start}, or -1 when one is not a digit. */
    static int read(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
