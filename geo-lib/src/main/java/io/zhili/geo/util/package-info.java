/**
 * Small shared utilities: contract timestamps to epoch milliseconds ({@link io.zhili.geo.util.Timestamps},
 * the accepted forms are in docs/CONTRACTS.md, "Timestamps") and throttled progress lines for long work
 * ({@link io.zhili.geo.util.Progress}).
 */
package io.zhili.geo.util;
