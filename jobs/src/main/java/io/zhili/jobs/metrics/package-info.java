/**
 * The job's own Prometheus endpoint ({@link io.zhili.jobs.metrics.PrometheusEndpoint}, a Flink metric reporter
 * created by {@link io.zhili.jobs.metrics.PrometheusEndpointFactory}): the same metric names as Flink's reporter,
 * but bound to a chosen address (loopback by default), which Flink's own reporter cannot do.
 */
package io.zhili.jobs.metrics;
