package io.zhili.geo.catalog;

import java.io.Serializable;

/**
 * One class of the catalog: a 2-digit major class (大类, e.g. "01" public utilities) or a 4-digit
 * subclass (小类, e.g. "0103" storm-water manhole cover) whose first two digits are its major.
 * Immutable and thread-safe.
 *
 * @param code   2 digits for a major class, 4 digits for a subclass
 * @param kind   component or event
 * @param nameZh the Chinese name
 * @param nameEn an English name
 * @param source national standard or local extension
 */
public record StandardClass(String code, ClassKind kind, String nameZh, String nameEn, ClassSource source)
        implements Serializable {

    /** Whether this is a 2-digit major class. */
    public boolean isMajor() {
        return code.length() == 2;
    }

    /** The 2-digit major class: the code itself for a major, its first two digits for a subclass. */
    public String majorCode() {
        return code.substring(0, 2);
    }

    /** Whether the class belongs to the national standard. */
    public boolean isNational() {
        return source == ClassSource.NATIONAL;
    }
}
