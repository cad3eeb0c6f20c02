/**
 * The fixed spatial frame of the synthetic city: the areas plus a synthetic street network per district
 * ({@link io.zhili.datasets.city.StreetNetwork}) along which components stand and events happen
 * ({@link io.zhili.datasets.city.CityLayout}).
 */
package io.zhili.datasets.city;
