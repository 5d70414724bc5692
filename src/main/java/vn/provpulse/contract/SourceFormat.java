package vn.provpulse.contract;

/** How a source's landing files are encoded. */
public enum SourceFormat {
    CSV,
    JSON_LINES
}
