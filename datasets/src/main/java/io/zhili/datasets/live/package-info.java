/**
 * The live day after the generated year: the stream of case events {@code zhili live} reads
 * ({@code live/cases.jsonl}) with planted surges, recurring components and overdue cases and the feed's noise,
 * its truth ({@code truth/live_alerts.csv}, {@code truth/live_noise.csv}) computed by the live rules, and the
 * scorer of a live run's alerts against it.
 */
package io.zhili.datasets.live;
