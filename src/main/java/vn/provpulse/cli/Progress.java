package vn.provpulse.cli;

/** A one-line progress bar on a terminal; silent when output is not a terminal. */
final class Progress {
    private static final int WIDTH = 30;
    private final String label;
    private final boolean terminal = System.console() != null;
    private int lastPercent = -1;

    Progress(String label) {
        this.label = label;
    }

    void update(double fraction) {
        int percent = (int) Math.floor(fraction * 100);
        if (!terminal || percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        System.err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%");
    }

    void done() {
        if (terminal && lastPercent >= 0) {
            System.err.println();
        }
    }
}
