/**
 * The forecast baseline of the case maps, on plain arrays, no Flink: a smoothed weekly level per cell and
 * category ({@link io.zhili.geo.forecast.CellLevelModel}: a discounted Poisson-gamma model whose prior is
 * fitted across the category's cells by empirical Bayes), the city-wide hour-of-week profile of a category
 * ({@link io.zhili.geo.forecast.HourOfWeekProfile}) and the prediction interval of a count
 * ({@link io.zhili.geo.forecast.NegativeBinomial}). {@link io.zhili.geo.forecast.ForecastParameters}
 * holds the settings. The method is documented with the forecast tables in docs/CONTRACTS.md.
 */
package io.zhili.geo.forecast;
