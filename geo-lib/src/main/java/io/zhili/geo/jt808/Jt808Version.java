package io.zhili.geo.jt808;

/**
 * Header layout of a JT/T 808 frame. Both share the 0x0200 location body; they differ in the
 * header: 2019 sets bit 14 of the body properties, adds a protocol-version byte and widens the
 * terminal phone number from BCD[6] (12 digits) to BCD[10] (20 digits).
 */
public enum Jt808Version {
    /** JT/T 808-2013: header of 12 bytes (16 when split into packages). */
    V2013(12, 6),
    /** JT/T 808-2019: header of 17 bytes (21 when split into packages). */
    V2019(17, 10);

    private final int headerLength;
    private final int phoneBytes;

    Jt808Version(int headerLength, int phoneBytes) {
        this.headerLength = headerLength;
        this.phoneBytes = phoneBytes;
    }

    /** Header length in bytes without the package item (message is not split). */
    public int headerLength() {
        return headerLength;
    }

    /** Length of the BCD terminal phone number in bytes. */
    public int phoneBytes() {
        return phoneBytes;
    }
}
