package io.zhili.datasets.areas;

/**
 * A built-up centre of a district (downtown, county seat, township) around which the synthetic street
 * network is denser: a street grid of {@code spacingM} metres within {@code radiusKm} of the centre.
 *
 * @param lon      centre longitude, degrees WGS-84
 * @param lat      centre latitude, degrees WGS-84
 * @param radiusKm radius of the street grid, kilometres
 * @param spacingM distance between parallel streets, metres
 * @param weight   relative intensity (components and cases per metre of street) of this centre, 0..1
 */
public record Town(double lon, double lat, double radiusKm, double spacingM, double weight) {
}
