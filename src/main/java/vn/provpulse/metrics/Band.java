package vn.provpulse.metrics;

/** Year-end classification bands (Decree 335/2025/NĐ-CP), in the order they drop. */
public enum Band {
    EXCELLENT("excellent", "Hoàn thành xuất sắc nhiệm vụ"),
    GOOD("good", "Hoàn thành tốt nhiệm vụ"),
    COMPLETE("complete", "Hoàn thành nhiệm vụ"),
    NOT_COMPLETE("not_complete", "Không hoàn thành nhiệm vụ"),
    NOT_ENOUGH_DATA("not_enough_data", "Chưa đủ dữ liệu");

    private final String code;
    private final String label;

    Band(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    /** The Vietnamese name leadership reads. */
    public String label() {
        return label;
    }

    public Band oneLower() {
        return switch (this) {
            case EXCELLENT -> GOOD;
            case GOOD -> COMPLETE;
            default -> this;
        };
    }
}
