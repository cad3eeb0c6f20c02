package io.zhili.geo.geojson;

/**
 * A GeoJSON layer that cannot be used as it is: bad structure, a bad geometry, or a property that is
 * missing or of the wrong type. The message is one line naming the file, the feature (index and id)
 * and the property, so that it can be shown to an operator as it is.
 */
public class GeoJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GeoJsonException(String message) {
        super(oneLine(message));
    }

    public GeoJsonException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** Line breaks quoted from the file (a value holding one) would break the one-line message: escaped. */
    private static String oneLine(String message) {
        return message == null ? null : message.replace("\r", "\\r").replace("\n", "\\n");
    }
}
