package io.zhili.geo.tiles;

import java.awt.image.IndexColorModel;

/**
 * How a raster tile colours the cells of a {@link HexLayer}: an 8-bit palette whose entry 0 is fully
 * transparent ("nothing here"), and the palette entry of each cell.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface HexStyle {
    /** The palette: 256 or fewer entries with alpha; entry 0 must be fully transparent. */
    IndexColorModel palette();

    /** Palette entry for cell {@code i} of {@code layer}, or 0 to leave the cell undrawn. */
    int colorIndex(HexLayer layer, int i);

    /** Short name of this style for legends and metadata, e.g. {@code viridis-log} or {@code hot-cold}. */
    String name();
}
