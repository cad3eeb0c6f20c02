package io.zhili.geo.tiles;

/**
 * Web Mercator (EPSG:3857) tile arithmetic for the XYZ scheme ("slippy map" tiles): tile {@code (0, 0)}
 * is the north-west corner, {@code x} grows eastwards and {@code y} southwards, and zoom {@code z} has
 * {@code 2^z × 2^z} tiles of {@value #TILE_SIZE} pixels.
 *
 * <p>Units: longitudes and latitudes in degrees (WGS-84); "world pixels" are pixels of the whole
 * world image at zoom {@code z}, {@code 0 ≤ px < 256·2^z}, measured from the north-west corner;
 * "normalised" coordinates are world pixels at zoom 0 divided by 256, in [0, 1]. Latitudes beyond
 * ±{@value #MAX_LATITUDE}° (the projection's square world) are clamped; longitudes are not wrapped.
 *
 * <p>Stateless and thread-safe. Zoom levels 0 … {@value #MAX_ZOOM} are supported.
 */
public final class WebMercator {
    /** Tile edge in pixels. */
    public static final int TILE_SIZE = 256;
    /** Highest zoom supported: tile numbers and world pixels then still fit the packed keys of {@link TileCover}. */
    public static final int MAX_ZOOM = 20;
    /** Latitude at which Web Mercator's square world ends: atan(sinh(π)) in degrees. */
    public static final double MAX_LATITUDE = 85.05112877980659;

    private WebMercator() {
    }

    /** Normalised x (0 at 180° W, 1 at 180° E) of a longitude. */
    public static double normX(double lon) {
        return (lon + 180.0) / 360.0;
    }

    /** Normalised y (0 at the north edge, 1 at the south edge) of a latitude, clamped to ±{@link #MAX_LATITUDE}. */
    public static double normY(double lat) {
        double clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
        double sin = Math.sin(Math.toRadians(clamped));
        return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
    }

    /** Longitude of a normalised x. */
    public static double lon(double normX) {
        return normX * 360.0 - 180.0;
    }

    /** Latitude of a normalised y. */
    public static double lat(double normY) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * normY))));
    }

    /** Number of tiles along one axis at zoom {@code z}: {@code 2^z}. */
    public static int tilesPerAxis(int z) {
        checkZoom(z);
        return 1 << z;
    }

    /** World pixel x of a longitude at zoom {@code z}. */
    public static double pixelX(double lon, int z) {
        return normX(lon) * worldSize(z);
    }

    /** World pixel y of a latitude at zoom {@code z}. */
    public static double pixelY(double lat, int z) {
        return normY(lat) * worldSize(z);
    }

    /** Width of the world image at zoom {@code z} in pixels: {@code 256·2^z}. */
    public static double worldSize(int z) {
        return (double) TILE_SIZE * tilesPerAxis(z);
    }

    /** Column of the tile holding a longitude at zoom {@code z}, clamped to the world. */
    public static int tileX(double lon, int z) {
        return clampTile(Math.floor(normX(lon) * tilesPerAxis(z)), z);
    }

    /** Row of the tile holding a latitude at zoom {@code z}, clamped to the world. */
    public static int tileY(double lat, int z) {
        return clampTile(Math.floor(normY(lat) * tilesPerAxis(z)), z);
    }

    /** Longitude of the west edge of tile column {@code x} at zoom {@code z} ({@code x = 2^z} gives the east edge of the world). */
    public static double tileWest(int x, int z) {
        return lon((double) x / tilesPerAxis(z));
    }

    /** Latitude of the north edge of tile row {@code y} at zoom {@code z} ({@code y = 2^z} gives the south edge of the world). */
    public static double tileNorth(int y, int z) {
        return lat((double) y / tilesPerAxis(z));
    }

    /**
     * Bounds of a tile as {@code {west, south, east, north}} in degrees.
     *
     * @throws IllegalArgumentException when the tile is not on the zoom's grid
     */
    public static double[] tileBounds(int z, int x, int y) {
        int n = tilesPerAxis(z);
        if (x < 0 || x >= n || y < 0 || y >= n) {
            throw new IllegalArgumentException("tile " + z + "/" + x + "/" + y + " is outside the zoom's grid");
        }
        return new double[] {tileWest(x, z), tileNorth(y + 1, z), tileWest(x + 1, z), tileNorth(y, z)};
    }

    /** Whether {@code (z, x, y)} names a tile of the XYZ grid. */
    public static boolean isValidTile(int z, int x, int y) {
        if (z < 0 || z > MAX_ZOOM) {
            return false;
        }
        int n = 1 << z;
        return x >= 0 && x < n && y >= 0 && y < n;
    }

    /**
     * @throws IllegalArgumentException when {@code z} is outside 0 … {@value #MAX_ZOOM}
     */
    public static void checkZoom(int z) {
        if (z < 0 || z > MAX_ZOOM) {
            throw new IllegalArgumentException("zoom " + z + " is outside 0.." + MAX_ZOOM);
        }
    }

    private static int clampTile(double t, int z) {
        int max = tilesPerAxis(z) - 1;
        return (int) Math.max(0, Math.min(max, t));
    }
}
