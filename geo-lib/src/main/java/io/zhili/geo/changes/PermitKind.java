package io.zhili.geo.changes;

/** Kinds of building permits; only {@link #NEW_BUILD} and {@link #RENOVATION} explain new built-up area. */
public enum PermitKind {
    NEW_BUILD,
    RENOVATION,
    /** A demolition permit explains a structure disappearing, not one appearing. */
    DEMOLITION;

    /** Whether a permit of this kind explains a built-up change inside it. */
    public boolean permitsBuilding() {
        return this != DEMOLITION;
    }

    /** The kind named {@code text}, or null. */
    public static PermitKind parse(String text) {
        for (PermitKind k : values()) {
            if (k.name().equals(text)) {
                return k;
            }
        }
        return null;
    }
}
